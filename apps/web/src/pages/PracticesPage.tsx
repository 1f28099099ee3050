// The practice library (`/practices`): a search box, facets with counts, results with snippets.
// Readable without an account (public entries only); members see what they may read.
import type { PracticeSearchItem, PracticeSearchResult } from '@contracts';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useQueryFilters } from '../api/searchParams';
import { hasRole, useSession } from '../features/identity/session';
import { ActiveFilters, Facets } from '../features/practices/Facets';
import { practicesApi, type LibraryFilters } from '../features/practices/practices.api';
import { Expansions, SearchResultList } from '../features/practices/SearchResultList';
import { useReaderLanguage } from '../features/practices/useReaderLanguage';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

const KEYS = [
  'q',
  'theme',
  'targetGroup',
  'region',
  'country',
  'city',
  'evidence',
  'language',
] as const;

export function PracticesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const lang = useReaderLanguage();
  const [filters, setFilters] = useQueryFilters<LibraryFilters>(KEYS);
  const [query, setQuery] = useState(filters.q ?? '');
  const [result, setResult] = useState<PracticeSearchResult>();
  const [items, setItems] = useState<PracticeSearchItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  useDocumentTitle(t('practices.libraryTitle'));

  // Wait for the session to be known: a member's results differ from a visitor's.
  const ready = session.status !== 'loading';
  const status = session.status;
  useEffect(() => {
    if (!ready) return;
    let current = true;
    setLoading(true);
    setError(null);
    practicesApi.search(filters, lang).then(
      (page) => {
        if (!current) return;
        setResult(page);
        setItems(page.items);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The session's status: a member's results differ from a visitor's.
  }, [filters, lang, ready, status]);

  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);

  const loadMore = useCallback(() => {
    if (!result?.nextCursor) return;
    setLoading(true);
    practicesApi.search(filters, lang, result.nextCursor).then(
      (page) => {
        setResult(page);
        setItems((previous) => [...previous, ...page.items]);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure);
        setLoading(false);
      },
    );
  }, [filters, lang, result]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...filters, q: query.trim() || undefined });
  };
  const signedIn = session.status === 'signed-in';

  return (
    <>
      <div className="page-heading">
        <h1>{t('practices.libraryTitle')}</h1>
        {signedIn && (
          <div className="actions">
            <Link to="/practices/mine" className="button">
              {t('practices.myEntries')}
            </Link>
            {hasRole(session.me, 'coordinator') && (
              <Link to="/practices/compendium" className="button">
                {t('practices.compendium.title')}
              </Link>
            )}
            <Link to="/practices/new" className="button button--primary">
              {t('practices.newEntry')}
            </Link>
          </div>
        )}
      </div>
      <p className="lead">{t('practices.libraryIntro')}</p>
      {session.status === 'signed-out' && (
        <p className="notice notice--info">
          {t('practices.publicIntro')}{' '}
          <Link to="/sign-in?next=/practices">{t('signIn.title')}</Link>
        </p>
      )}
      <form
        className="practice-search"
        role="search"
        aria-label={t('practices.searchLabel')}
        onSubmit={onSearch}
      >
        <label htmlFor="practice-q" className="visually-hidden">
          {t('practices.searchLabel')}
        </label>
        <input
          id="practice-q"
          type="search"
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--primary">
          {t('practices.searchButton')}
        </button>
      </form>
      <div className="library-layout">
        <aside className="library-layout__facets" aria-label={t('practices.filters')}>
          <Facets facets={result?.facets} filters={filters} onChange={setFilters} />
        </aside>
        <section className="library-layout__results" aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            {t('practices.results')}
          </h2>
          <ActiveFilters filters={filters} facets={result?.facets} onChange={setFilters} />
          {result && <Expansions expansions={result.expansions} />}
          <p role="status" className="muted" data-testid="result-count">
            {result && !loading ? t('practices.resultCount', { count: result.total }) : ''}
          </p>
          <ErrorNotice error={error} />
          {items.length > 0 && <SearchResultList items={items} />}
          {loading && <Loading />}
          {!loading && !error && items.length === 0 && (
            <p className="empty">{t('practices.noResults')}</p>
          )}
          {result?.nextCursor && !loading && (
            <div className="list-footer">
              <button type="button" className="button" onClick={loadMore}>
                {t('directory.loadMore')}
              </button>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
