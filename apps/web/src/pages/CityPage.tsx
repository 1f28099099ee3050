import type { CityView } from '@contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { usePagedList, useResource, useSubmit } from '../api/hooks';
import { citiesApi } from '../features/cities/cities.api';
import { countryName } from '../features/cities/countries';
import { hasRole, useMe } from '../features/identity/session';
import { languageName } from '../features/languages/languages';
import { PractitionerList } from '../features/practitioners/PractitionerList';
import { practitionersApi } from '../features/practitioners/practitioners.api';
import { LocalTime } from '../features/time/LocalTime';
import { zoneName } from '../features/time/zones';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LoadMore } from '../ui/LoadMore';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function ArchiveButton({ city, onChange }: { city: CityView; onChange: (city: CityView) => void }) {
  const { t } = useTranslation();
  const action = useSubmit(async () =>
    onChange(await citiesApi.setArchived(city.id, !city.archived)),
  );
  const onClick = () => {
    if (city.archived || window.confirm(t('cities.confirmArchive', { name: city.name })))
      void action.submit();
  };
  return (
    <>
      <button type="button" className="button" onClick={onClick} disabled={action.busy}>
        {city.archived ? t('cities.unarchive') : t('cities.archive')}
      </button>
      <ErrorNotice error={action.error} />
    </>
  );
}

export function CityPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const city = useResource(() => citiesApi.get(id), id);
  const loadPage = useCallback(
    (cursor?: string) => practitionersApi.list({ cityId: id }, cursor),
    [id],
  );
  const people = usePagedList(loadPage, id);
  useDocumentTitle(city.data?.name ?? t('cities.title'));

  if (city.loading && !city.data) return <Loading />;
  if (!city.data) return <ErrorNotice error={city.error} />;
  const c = city.data;
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cities">{t('cities.back')}</Link>
      </p>
      <div className="page-heading">
        <h1>{c.name}</h1>
        <LocalTime timeZone={c.timeZone} place={c.name} />
      </div>
      {c.archived && <p className="badge">{t('cities.archived')}</p>}
      <dl className="details">
        <dt>{t('cities.country')}</dt>
        <dd>
          {countryName(c.countryCode, i18n.language)}
          {c.subdivision ? ` (${c.subdivision})` : ''}
        </dd>
        <dt>{t('directory.region')}</dt>
        <dd>{t(`regions.${c.region}`)}</dd>
        <dt>{t('common.timeZone')}</dt>
        <dd>{zoneName(c.timeZone, i18n.language, c.name)}</dd>
        {c.population !== null && (
          <>
            <dt>{t('cities.populationValue')}</dt>
            <dd>{number.format(c.population)}</dd>
          </>
        )}
        {c.languages.length > 0 && (
          <>
            <dt>{t('cities.languages')}</dt>
            <dd>{c.languages.map((tag) => languageName(tag, i18n.language)).join(', ')}</dd>
          </>
        )}
      </dl>
      {hasRole(me, 'coordinator') && (
        <div className="actions">
          <Link to={`/cities/${c.id}/edit`} className="button">
            {t('cities.edit')}
          </Link>
          <ArchiveButton city={c} onChange={city.setData} />
        </div>
      )}
      <section aria-labelledby="city-people">
        <h2 id="city-people">{t('cities.practitioners')}</h2>
        <PractitionerList people={people.items} />
        <LoadMore list={people} empty={t('cities.noPractitioners')} />
      </section>
    </>
  );
}
