// Small hooks around the HTTP client: load one resource, page through a cursor list, submit a form.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@contracts';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads `load()` whenever `key` changes; a stale answer never overwrites a newer one. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
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
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload, setData };
}

export interface PagedList<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
}

/** A cursor-paged list: the first page whenever `key` changes, then "load more". */
export function usePagedList<T>(
  loadPage: (cursor: string | undefined) => Promise<Page<T>>,
  key: string,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const generation = useRef(0);

  const fetchPage = useCallback((from: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    loadRef.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(undefined, false);
  }, [key, fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor) fetchPage(cursor, true);
  }, [cursor, fetchPage]);

  return { items, error, loading, hasMore: cursor !== null, loadMore };
}

export interface Submission<A extends unknown[]> {
  submit: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: unknown;
  reset: () => void;
}

/** Runs a form's action: tracks busy, keeps the error to show, reports success. */
export function useSubmit<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
): Submission<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const submit = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await actionRef.current(...args);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { submit, busy, error, reset };
}
