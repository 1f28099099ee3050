import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Filters kept in the URL's query string, so a filtered list can be shared; empty values are left out. */
export function useQueryFilters<T extends Record<string, string | undefined>>(
  keys: readonly (keyof T & string)[],
): [T, (filters: T) => void] {
  const [params, setParams] = useSearchParams();
  const keyList = keys.join(',');
  const filters = useMemo(() => {
    const result: Record<string, string> = {};
    for (const key of keyList.split(',')) {
      const value = params.get(key);
      if (value) result[key] = value;
    }
    return result as T;
  }, [params, keyList]);
  const setFilters = useCallback(
    (next: T) => {
      const search = new URLSearchParams();
      for (const key of keyList.split(',')) {
        const value = next[key];
        if (value) search.set(key, value);
      }
      setParams(search, { replace: true });
    },
    [setParams, keyList],
  );
  return [filters, setFilters];
}
