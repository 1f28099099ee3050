// Under a live message: the thread it continues in, or (for its author and the room's hosts) a
// way to turn it into the opening post of a new thread, so a question raised in a session
// continues after it.
import type { MessageView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function MessageThreadLink({
  message,
  mayStart,
}: {
  message: MessageView;
  mayStart: boolean;
}) {
  const { t } = useTranslation();
  if (message.deleted || message.hidden) return null;
  if (message.threadId)
    return (
      <p className="message__thread">
        <Link to={`/threads/${message.threadId}`}>{t('threads.continuesInThread')}</Link>
      </p>
    );
  if (!mayStart) return null;
  return (
    <p className="message__thread">
      <Link
        to={`/threads/new?messageId=${message.id}&roomId=${message.roomId}`}
        className="button button--text button--small"
      >
        {t('threads.startFromThisMessage')}
      </Link>
    </p>
  );
}
