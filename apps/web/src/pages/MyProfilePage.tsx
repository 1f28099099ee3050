import { useTranslation } from 'react-i18next';
import type { NameWarning } from '@contracts';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import {
  ChangePasswordForm,
  EraseAccountForm,
  ExportMyData,
} from '../features/identity/AccountSettings';
import { useMe } from '../features/identity/session';
import { NameWarnings } from '../features/practitioners/NameWarnings';
import { ProfileForm } from '../features/practitioners/ProfileForm';
import { CalendarSubscription } from '../features/sessions/CalendarSubscription';
import { LocalTime } from '../features/time/LocalTime';
import { SuccessNotice } from '../ui/ErrorNotice';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function MyProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  // Warnings about the name chosen when accepting the invitation, handed over by that page.
  const welcomeWarnings =
    (useLocation().state as { nameWarnings?: NameWarning[] } | null)?.nameWarnings ?? [];
  useDocumentTitle(t('profile.myTitle'));
  return (
    <div className="narrow">
      <div className="page-heading">
        <h1>{t('profile.myTitle')}</h1>
        <LocalTime timeZone={me.timeZone} place={me.city?.name} />
      </div>
      {params.get('welcome') && (
        <SuccessNotice>{t('profile.welcome', { name: me.displayName })}</SuccessNotice>
      )}
      <NameWarnings warnings={welcomeWarnings} />
      <p className="lead">
        {t('profile.myIntro', { email: me.email })}{' '}
        <Link to={`/practitioners/${me.id}`}>{t('profile.viewPublic')}</Link>
      </p>
      <ProfileForm key={me.id} me={me} />
      <CalendarSubscription />
      <ChangePasswordForm />
      <ExportMyData />
      <EraseAccountForm />
    </div>
  );
}
