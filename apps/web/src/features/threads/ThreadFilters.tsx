// A thread list's filters (kind, theme, words), kept in the URL so a search can be shared.
import { THREAD_KINDS, type ThemeView } from '@contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { ThemeSelect } from '../themes/ThemePicker';
import type { ThreadFilters as Filters } from './threads.api';

export function ThreadFilters({
  filters,
  onChange,
  themes,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  themes: ThemeView[] | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('threads.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filters, q: q.trim() || undefined });
      }}
    >
      <Field label={t('threads.search')}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={q}
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
            onBlur={() => onChange({ ...filters, q: q.trim() || undefined })}
          />
        )}
      </Field>
      <Field label={t('threads.kind')}>
        {(control) => (
          <select
            {...control}
            value={filters.kind ?? ''}
            onChange={(e) => onChange({ ...filters, kind: e.target.value as Filters['kind'] })}
          >
            <option value="">{t('threads.anyKind')}</option>
            {THREAD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`threads.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('directory.theme')}>
        {(control) => (
          <ThemeSelect
            {...control}
            themes={themes}
            value={filters.theme ?? ''}
            onChange={(theme) => onChange({ ...filters, theme })}
            emptyLabel={t('directory.anyTheme')}
          />
        )}
      </Field>
    </form>
  );
}
