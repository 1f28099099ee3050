import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../api/hooks';
import { useQueryFilters } from '../api/searchParams';
import { useAllCities } from '../features/cities/CitySelect';
import { hasRole, useMe } from '../features/identity/session';
import { PractitionerFilters } from '../features/practitioners/PractitionerFilters';
import { PractitionerList } from '../features/practitioners/PractitionerList';
import {
  practitionersApi,
  type PractitionerFilters as Filters,
} from '../features/practitioners/practitioners.api';
import { useThemes } from '../features/themes/themes';
import { LoadMore } from '../ui/LoadMore';
import { useDocumentTitle } from '../ui/useDocumentTitle';

const FILTER_KEYS = ['q', 'region', 'cityId', 'position', 'theme', 'language', 'status'] as const;

export function PractitionersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useQueryFilters<Filters>(FILTER_KEYS);
  const cities = useAllCities();
  const themes = useThemes();
  const loadPage = useCallback(
    (cursor?: string) => practitionersApi.list(filters, cursor),
    [filters],
  );
  const list = usePagedList(loadPage, JSON.stringify(filters));
  useDocumentTitle(t('directory.practitionersTitle'));

  return (
    <>
      <h1>{t('directory.practitionersTitle')}</h1>
      <p className="lead">{t('directory.practitionersIntro')}</p>
      <PractitionerFilters
        filters={filters}
        onChange={setFilters}
        cities={cities.data}
        themes={themes.data}
        canSeeSuspended={hasRole(me, 'coordinator')}
      />
      <p className="visually-hidden" role="status">
        {list.loading ? '' : t('directory.shown', { count: list.items.length })}
      </p>
      <PractitionerList people={list.items} />
      <LoadMore list={list} empty={t('directory.noPractitioners')} />
    </>
  );
}
