// The threads of one place (an exchange, or the commons): filters, the list, "load more", and a
// way to start one for those who may.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePagedList } from '../../api/hooks';
import { useQueryFilters } from '../../api/searchParams';
import { LoadMore } from '../../ui/LoadMore';
import { useThemes } from '../themes/themes';
import { ThreadFilters } from './ThreadFilters';
import { ThreadList } from './ThreadList';
import { type ThreadFilters as Filters, threadsApi } from './threads.api';

const FILTER_KEYS = ['theme', 'kind', 'q'] as const;

export function ThreadsPanel({
  exchangeId,
  canStart,
}: {
  /** Null: the commons. */
  exchangeId: string | null;
  canStart: boolean;
}) {
  const { t } = useTranslation();
  const [filters, setFilters] = useQueryFilters<Filters>(FILTER_KEYS);
  const themes = useThemes();
  const loadPage = useCallback(
    (cursor?: string) => threadsApi.list(exchangeId, filters, cursor),
    [exchangeId, filters],
  );
  const list = usePagedList(loadPage, `${exchangeId ?? 'commons'}:${JSON.stringify(filters)}`);
  const newPath = exchangeId ? `/threads/new?exchangeId=${exchangeId}` : '/threads/new';
  return (
    <>
      <div className="section-heading">
        <ThreadFilters filters={filters} onChange={setFilters} themes={themes.data} />
        {canStart && (
          <Link to={newPath} className="button button--primary">
            {t('threads.start')}
          </Link>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {list.loading ? '' : t('threads.shown', { count: list.items.length })}
      </p>
      <ThreadList threads={list.items} />
      <LoadMore
        list={list}
        empty={
          filters.q || filters.kind || filters.theme ? t('threads.noneFound') : t('threads.none')
        }
      />
    </>
  );
}
