import { REGIONS, type Region } from '@contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePagedList } from '../api/hooks';
import { useQueryFilters } from '../api/searchParams';
import { citiesApi, type CityFilters } from '../features/cities/cities.api';
import { CityList } from '../features/cities/CityList';
import { countryOptions } from '../features/cities/countries';
import { hasRole, useMe } from '../features/identity/session';
import { Field } from '../ui/Field';
import { LoadMore } from '../ui/LoadMore';
import { useDocumentTitle } from '../ui/useDocumentTitle';

const FILTER_KEYS = ['q', 'region', 'country', 'archived'] as const;

export function CitiesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useQueryFilters<CityFilters>(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const loadPage = useCallback((cursor?: string) => citiesApi.list(filters, cursor), [filters]);
  const list = usePagedList(loadPage, JSON.stringify(filters));
  const isCoordinator = hasRole(me, 'coordinator');
  useDocumentTitle(t('cities.title'));

  useEffect(() => {
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => setFilters({ ...filters, q }), 300);
    return () => clearTimeout(timer);
  }, [q, filters, setFilters]);

  return (
    <>
      <div className="page-heading">
        <h1>{t('cities.title')}</h1>
        {isCoordinator && (
          <Link to="/cities/new" className="button button--primary">
            {t('cities.add')}
          </Link>
        )}
      </div>
      <p className="lead">{t('cities.intro')}</p>
      <form
        className="filters"
        role="search"
        aria-label={t('directory.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...filters, q });
        }}
      >
        <Field label={t('directory.name')}>
          {(control) => (
            <input {...control} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          )}
        </Field>
        <Field label={t('directory.region')}>
          {(control) => (
            <select
              {...control}
              value={filters.region ?? ''}
              onChange={(e) => setFilters({ ...filters, region: e.target.value as Region | '' })}
            >
              <option value="">{t('directory.anyRegion')}</option>
              {REGIONS.map((region) => (
                <option key={region} value={region}>
                  {t(`regions.${region}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('cities.country')}>
          {(control) => (
            <select
              {...control}
              value={filters.country ?? ''}
              onChange={(e) => setFilters({ ...filters, country: e.target.value })}
            >
              <option value="">{t('cities.anyCountry')}</option>
              {countries.map((country) => (
                <option key={country.value} value={country.value}>
                  {country.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {isCoordinator && (
          <label className="checkbox filters__checkbox">
            <input
              type="checkbox"
              checked={filters.archived === 'true'}
              onChange={(e) => setFilters({ ...filters, archived: e.target.checked ? 'true' : '' })}
            />
            <span>{t('cities.includeArchived')}</span>
          </label>
        )}
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('directory.search')}
          </button>
        </div>
      </form>
      <p className="visually-hidden" role="status">
        {list.loading ? '' : t('directory.shown', { count: list.items.length })}
      </p>
      <CityList cities={list.items} />
      <LoadMore list={list} empty={t('cities.none')} />
    </>
  );
}
