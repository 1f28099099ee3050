import { useTranslation } from 'react-i18next';
import type { PagedList } from '../api/hooks';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/** The end of a cursor-paged list: errors, the spinner, the empty state or "load more". */
export function LoadMore<T>({ list, empty }: { list: PagedList<T>; empty: string }) {
  const { t } = useTranslation();
  return (
    <div className="list-footer">
      <ErrorNotice error={list.error} />
      {list.loading && <Loading />}
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{empty}</p>}
      {list.hasMore && !list.loading && (
        <button type="button" className="button" onClick={list.loadMore}>
          {t('directory.loadMore')}
        </button>
      )}
    </div>
  );
}
