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
  const action = useSubmit(async () => {
    onChange(await practitionersApi.setSuspended(person.id, !suspended));
  });
  const onClick = () => {
    const question = suspended
      ? t('profile.confirmReinstate', { name: person.displayName })
      : t('profile.confirmSuspend', { name: person.displayName });
    if (window.confirm(question)) void action.submit();
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
