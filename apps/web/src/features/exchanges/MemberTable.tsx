// The people of an exchange with their local time; hosts and coordinators change roles and remove.
import { EXCHANGE_ROLES, type ExchangeMemberView, type ExchangeRole } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LocalTime } from '../time/LocalTime';
import { exchangesApi } from './exchanges.api';

export function MemberTable({
  exchangeId,
  members,
  canManage,
  myId,
  onChange,
}: {
  exchangeId: string;
  members: ExchangeMemberView[];
  canManage: boolean;
  myId: string;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const changeRole = useSubmit(async (personId: string, role: ExchangeRole) => {
    await exchangesApi.changeRole(exchangeId, personId, role);
    onChange();
  });
  const remove = useSubmit(async (personId: string, reason: string) => {
    await exchangesApi.removeMember(exchangeId, personId, reason);
    onChange();
  });
  const onRemove = (member: ExchangeMemberView) => {
    // The reason goes into the audit log and to the person: no removal without one.
    const reason = window
      .prompt(t('exchanges.confirmRemove', { name: member.person.displayName }))
      ?.trim();
    if (reason && reason.length >= 3) void remove.submit(member.person.id, reason);
  };
  const busy = changeRole.busy || remove.busy;

  return (
    <>
      <ErrorNotice error={changeRole.error ?? remove.error} />
      <div className="table-wrap">
        <table className="table table--stacked" data-testid="members">
          <thead>
            <tr>
              <th scope="col">{t('exchanges.person')}</th>
              <th scope="col">{t('directory.city')}</th>
              <th scope="col">{t('exchanges.localTime')}</th>
              <th scope="col">{t('exchanges.role')}</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">{t('exchanges.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const { person } = member;
              const isMe = person.id === myId;
              return (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/practitioners/${person.id}`}>{person.displayName}</Link>
                    {isMe && <span className="muted"> {t('exchanges.you')}</span>}
                  </th>
                  <td data-label={t('directory.city')}>{person.city?.name ?? '—'}</td>
                  <td data-label={t('exchanges.localTime')}>
                    <LocalTime timeZone={person.timeZone} place={person.city?.name} />
                  </td>
                  <td data-label={t('exchanges.role')}>
                    {canManage ? (
                      <select
                        aria-label={t('exchanges.roleOf', { name: person.displayName })}
                        className="select--compact"
                        value={member.role}
                        disabled={busy}
                        onChange={(e) =>
                          void changeRole.submit(person.id, e.target.value as ExchangeRole)
                        }
                      >
                        {EXCHANGE_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`exchanges.roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`exchanges.roles.${member.role}`)
                    )}
                  </td>
                  {canManage && (
                    <td className="table__actions">
                      {!isMe && (
                        <button
                          type="button"
                          className="button button--small button--danger"
                          aria-label={t('exchanges.removeNamed', { name: person.displayName })}
                          onClick={() => onRemove(member)}
                          disabled={busy}
                        >
                          {t('exchanges.remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
