// The network commons: threads every member reads and writes.
import { useTranslation } from 'react-i18next';
import { ThreadsPanel } from '../features/threads/ThreadsPanel';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function CommonsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('threads.commons'));
  return (
    <>
      <h1>{t('threads.commons')}</h1>
      <p className="lead">{t('threads.commonsIntro')}</p>
      <ThreadsPanel exchangeId={null} canStart />
    </>
  );
}
