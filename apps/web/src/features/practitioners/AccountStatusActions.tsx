// Coordinators suspend and reinstate accounts from the profile page; the API has the last word.
import type { PractitionerView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { practitionersApi } from './practitioners.api';

export function AccountStatusActions({
  person,
  onChange,
}: {
  person: PractitionerView;
  onChange: (person: PractitionerView) => void;
}) {
  const { t } = useTranslation();
  const suspended = person.status === 'suspended';
  const action = useSubmit(async (reason: string) => {
    onChange(await practitionersApi.setSuspended(person.id, !suspended, reason));
  });
  const onClick = () => {
    // The reason goes into the audit log: the action is not taken without one.
    const question = suspended
      ? t('profile.confirmReinstate', { name: person.displayName })
      : t('profile.confirmSuspend', { name: person.displayName });
    const reason = window.prompt(question)?.trim();
    if (reason && reason.length >= 3) void action.submit(reason);
  };
  return (
    <section className="panel" aria-labelledby="account-actions">
      <h2 id="account-actions">{t('profile.accountActions')}</h2>
      <ErrorNotice error={action.error} />
      <p>{suspended ? t('profile.suspendedExplained') : t('profile.suspendExplained')}</p>
      <button
        type="button"
        className={suspended ? 'button' : 'button button--danger'}
        onClick={onClick}
        disabled={action.busy}
      >
        {suspended ? t('profile.reinstate') : t('profile.suspend')}
      </button>
    </section>
  );
}
