import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { outgoingMailApi } from '../features/mail/outgoingMail.api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** Admins: one message as it was sent, in plain text (links stay plain text, not links). */
export function OutgoingMailMessagePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const message = useResource(() => outgoingMailApi.get(id), id);
  useDocumentTitle(message.data?.subject ?? t('outgoingMail.title'));
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="medium">
      <p>
        <Link to="/admin/mail">{t('outgoingMail.back')}</Link>
      </p>
      <ErrorNotice error={message.error} />
      {message.loading && !message.data ? (
        <Loading />
      ) : (
        message.data && (
          <article className="panel">
            <h1 className="break-anywhere">{message.data.subject}</h1>
            <dl className="mail-headers">
              <dt>{t('outgoingMail.to')}</dt>
              <dd className="break-anywhere">{message.data.to}</dd>
              <dt>{t('outgoingMail.date')}</dt>
              <dd>
                <time dateTime={message.data.createdAt}>
                  {date.format(new Date(message.data.createdAt))}
                </time>
              </dd>
            </dl>
            <pre className="mail-body" data-testid="mail-body">
              {message.data.text}
            </pre>
          </article>
        )
      )}
    </div>
  );
}
