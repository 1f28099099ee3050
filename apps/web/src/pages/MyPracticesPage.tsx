// My part of the library (`/practices/mine`): what I wrote, what waits for my review, and the
// requests to quote my words.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { PracticeList } from '../features/practices/PracticeList';
import { practicesApi } from '../features/practices/practices.api';
import { QuoteRequestList } from '../features/practices/QuoteRequestList';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function MyPracticesPage() {
  const { t } = useTranslation();
  const mine = useResource(() => practicesApi.mine(), 'practices:mine');
  const queue = useResource(() => practicesApi.reviewQueue(), 'practices:queue');
  const quotes = useResource(() => practicesApi.quoteRequests(), 'practices:quotes');
  useDocumentTitle(t('practices.myEntries'));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/practices">{t('practices.backToLibrary')}</Link>
      </p>
      <div className="page-heading">
        <h1>{t('practices.myEntries')}</h1>
        <Link to="/practices/new" className="button button--primary">
          {t('practices.newEntry')}
        </Link>
      </div>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t('practices.written')}</h2>
        <ErrorNotice error={mine.error} />
        {mine.loading && !mine.data && <Loading />}
        {mine.data && mine.data.length === 0 && (
          <p className="empty">{t('practices.noneWritten')}</p>
        )}
        {mine.data && (
          <PracticeList
            items={mine.data}
            to={(item) =>
              ['draft', 'changes-requested'].includes(item.status)
                ? `/practices/${item.id}/edit`
                : `/practices/${item.slug ?? item.id}`
            }
          />
        )}
      </section>
      {queue.data && queue.data.total > 0 && (
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading">{t('practices.waitingForReview')}</h2>
          <PracticeList items={queue.data.items} to={(item) => `/practices/${item.id}/review`} />
        </section>
      )}
      {quotes.data && quotes.data.length > 0 && (
        <section aria-labelledby="quotes-heading">
          <h2 id="quotes-heading">{t('practices.consent.title')}</h2>
          <QuoteRequestList requests={quotes.data} />
        </section>
      )}
    </>
  );
}
