import type { InvitationView } from '@contracts';
import { useTranslation } from 'react-i18next';

export function OpenInvitations({ invitations }: { invitations: InvitationView[] }) {
  const { t, i18n } = useTranslation();
  if (invitations.length === 0) return <p>{t('invite.noneOpen')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('invite.openHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invite.email')}</th>
            <th scope="col">{t('invite.role')}</th>
            <th scope="col">{t('invite.city')}</th>
            <th scope="col">{t('invite.expires')}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td>{invitation.email}</td>
              <td>{t(`roles.${invitation.networkRole}`)}</td>
              <td>{invitation.city?.name ?? '—'}</td>
              <td>
                <time dateTime={invitation.expiresAt}>
                  {date.format(new Date(invitation.expiresAt))}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
