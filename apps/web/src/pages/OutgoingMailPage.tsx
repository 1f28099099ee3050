import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { outgoingMailApi } from '../features/mail/outgoingMail.api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** Admins: what the platform sent while no SMTP server is configured, newest first. */
export function OutgoingMailPage() {
  const { t, i18n } = useTranslation();
  const mail = useResource(() => outgoingMailApi.list(), 'outgoing-mail');
  useDocumentTitle(t('outgoingMail.title'));
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="medium">
      <h1>{t('outgoingMail.title')}</h1>
      <ErrorNotice error={mail.error} />
      {mail.loading && !mail.data ? (
        <Loading />
      ) : mail.data?.transport === 'smtp' ? (
        <p className="lead">{t('outgoingMail.smtp')}</p>
      ) : (
        <>
          <p className="lead">{t('outgoingMail.intro')}</p>
          {mail.data && mail.data.items.length === 0 ? (
            <p>{t('outgoingMail.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="outgoing-mail">
                <caption className="visually-hidden">{t('outgoingMail.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('outgoingMail.subject')}</th>
                    <th scope="col">{t('outgoingMail.to')}</th>
                    <th scope="col">{t('outgoingMail.date')}</th>
                  </tr>
                </thead>
                <tbody>
                  {mail.data?.items.map((message) => (
                    <tr key={message.id}>
                      <td>
                        <Link to={`/admin/mail/${encodeURIComponent(message.id)}`}>
                          {message.subject}
                        </Link>
                      </td>
                      <td className="break-anywhere">{message.to}</td>
                      <td>
                        <time dateTime={message.createdAt}>
                          {date.format(new Date(message.createdAt))}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
