import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { hasRole, useMe } from '../features/identity/session';
import { languageName } from '../features/languages/languages';
import { AccountStatusActions } from '../features/practitioners/AccountStatusActions';
import { practitionersApi } from '../features/practitioners/practitioners.api';
import { ThemeList } from '../features/themes/ThemePicker';
import { LocalTime } from '../features/time/LocalTime';
import { WorkingHoursText } from '../features/time/WorkingHours';
import { zoneName } from '../features/time/zones';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function PractitionerPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const person = useResource(() => practitionersApi.get(id), id);
  useDocumentTitle(person.data?.displayName ?? t('directory.practitionersTitle'));

  if (person.loading && !person.data) return <Loading />;
  if (!person.data) return <ErrorNotice error={person.error} />;
  const p = person.data;
  const isMe = p.id === me.id;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/practitioners">{t('profile.back')}</Link>
      </p>
      <div className="page-heading">
        <h1>{p.displayName}</h1>
        <LocalTime timeZone={p.timeZone} place={p.city?.name} />
      </div>
      {p.status === 'suspended' && <p className="badge badge--warning">{t('status.suspended')}</p>}
      {isMe && (
        <p>
          <Link to="/me">{t('profile.editMine')}</Link>
        </p>
      )}
      <dl className="details">
        {p.position && (
          <>
            <dt>{t('profile.position')}</dt>
            <dd>{t(`positions.${p.position}`)}</dd>
          </>
        )}
        {p.city && (
          <>
            <dt>{t('profile.city')}</dt>
            <dd>
              <Link to={`/cities/${p.city.id}`}>{p.city.name}</Link>
            </dd>
          </>
        )}
        {p.organisation && (
          <>
            <dt>{t('profile.organisation')}</dt>
            <dd>{p.organisation}</dd>
          </>
        )}
        {p.languages.length > 0 && (
          <>
            <dt>{t('profile.languages')}</dt>
            <dd>{p.languages.map((tag) => languageName(tag, i18n.language)).join(', ')}</dd>
          </>
        )}
        <dt>{t('common.timeZone')}</dt>
        <dd>{zoneName(p.timeZone, i18n.language, p.city?.name)}</dd>
        {p.workingHours && (
          <>
            <dt>{t('profile.workingHours')}</dt>
            <dd>
              <WorkingHoursText hours={p.workingHours} timeZone={p.timeZone} />
            </dd>
          </>
        )}
        <dt>{t('profile.role')}</dt>
        <dd>{t(`roles.${p.networkRole}`)}</dd>
      </dl>
      {p.themes.length > 0 && (
        <section aria-labelledby="profile-themes">
          <h2 id="profile-themes">{t('profile.themes')}</h2>
          <ThemeList themes={p.themes} />
        </section>
      )}
      {p.bio && (
        <section aria-labelledby="profile-bio">
          <h2 id="profile-bio">{t('profile.bio')}</h2>
          <p className="bio">{p.bio}</p>
        </section>
      )}
      {!isMe && hasRole(me, 'coordinator') && (
        <AccountStatusActions person={p} onChange={person.setData} />
      )}
    </>
  );
}
