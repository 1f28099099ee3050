import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePagedList } from '../api/hooks';
import { useQueryFilters } from '../api/searchParams';
import { useAllCities } from '../features/cities/CitySelect';
import { ExchangeFilters } from '../features/exchanges/ExchangeFilters';
import { ExchangeList } from '../features/exchanges/ExchangeList';
import { exchangesApi, type ExchangeFilters as Filters } from '../features/exchanges/exchanges.api';
import { hasRole, useMe } from '../features/identity/session';
import { useThemes } from '../features/themes/themes';
import { LoadMore } from '../ui/LoadMore';
import { useDocumentTitle } from '../ui/useDocumentTitle';

const FILTER_KEYS = ['theme', 'status', 'cityId', 'mine'] as const;

export function ExchangesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useQueryFilters<Filters>(FILTER_KEYS);
  const cities = useAllCities();
  const themes = useThemes();
  const loadPage = useCallback((cursor?: string) => exchangesApi.list(filters, cursor), [filters]);
  const list = usePagedList(loadPage, JSON.stringify(filters));
  useDocumentTitle(t('exchanges.title'));

  return (
    <>
      <div className="page-heading">
        <h1>{t('exchanges.title')}</h1>
        {hasRole(me, 'coordinator') && (
          <Link to="/exchanges/new" className="button button--primary">
            {t('exchanges.new')}
          </Link>
        )}
      </div>
      <p className="lead">{t('exchanges.intro')}</p>
      <ExchangeFilters
        filters={filters}
        onChange={setFilters}
        cities={cities.data}
        themes={themes.data}
      />
      <p className="visually-hidden" role="status">
        {list.loading ? '' : t('directory.shown', { count: list.items.length })}
      </p>
      <ExchangeList exchanges={list.items} />
      <LoadMore list={list} empty={t('exchanges.none')} />
    </>
  );
}
