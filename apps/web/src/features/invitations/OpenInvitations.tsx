import type { InvitationView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useViewerZone } from '../time/viewerZone';

export function OpenInvitations({ invitations }: { invitations: InvitationView[] }) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  if (invitations.length === 0) return <p>{t('invite.noneOpen')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: zone });
  return (
    <div className="table-wrap">
      <table className="table table--stacked">
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
              <td className="table__email">{invitation.email}</td>
              <td data-label={t('invite.role')}>{t(`roles.${invitation.networkRole}`)}</td>
              <td data-label={t('invite.city')}>{invitation.city?.name ?? '—'}</td>
              <td data-label={t('invite.expires')}>
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
