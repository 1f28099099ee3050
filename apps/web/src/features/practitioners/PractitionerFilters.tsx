// The directory's filters live in the URL, so a filtered list can be shared and survives reload.
import { REGIONS, type CityView, type Position, type Region, type ThemeView } from '@contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { CitySelect } from '../cities/CitySelect';
import { languageOptions } from '../languages/LanguagesInput';
import { ThemeSelect } from '../themes/ThemePicker';
import { PositionSelect } from './PositionSelect';
import type { PractitionerFilters as Filters } from './practitioners.api';

export function PractitionerFilters({
  filters,
  onChange,
  cities,
  themes,
  canSeeSuspended,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  cities: CityView[] | undefined;
  themes: ThemeView[] | undefined;
  canSeeSuspended: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const citiesInRegion = cities?.filter(
    (city) => !filters.region || city.region === filters.region,
  );

  // Typing narrows the list after a short pause rather than on every key.
  useEffect(() => {
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange({ ...filters, q }), 300);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('directory.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filters, q });
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
            onChange={(e) =>
              onChange({ ...filters, region: e.target.value as Region | '', cityId: '' })
            }
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
      <Field label={t('directory.city')}>
        {(control) => (
          <CitySelect
            {...control}
            cities={citiesInRegion}
            value={filters.cityId ?? ''}
            onChange={(cityId) => onChange({ ...filters, cityId })}
            emptyLabel={t('directory.anyCity')}
          />
        )}
      </Field>
      <Field label={t('directory.position')}>
        {(control) => (
          <PositionSelect
            {...control}
            value={filters.position ?? ''}
            onChange={(position: Position | '') => onChange({ ...filters, position })}
            emptyLabel={t('directory.anyPosition')}
          />
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
      <Field label={t('directory.language')}>
        {(control) => (
          <select
            {...control}
            value={filters.language ?? ''}
            onChange={(e) => onChange({ ...filters, language: e.target.value })}
          >
            <option value="">{t('directory.anyLanguage')}</option>
            {languages.map((language) => (
              <option key={language.value} value={language.value}>
                {language.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {canSeeSuspended && (
        <Field label={t('directory.status')}>
          {(control) => (
            <select
              {...control}
              value={filters.status || 'active'}
              onChange={(e) =>
                onChange({ ...filters, status: e.target.value as 'active' | 'suspended' })
              }
            >
              <option value="active">{t('status.active')}</option>
              <option value="suspended">{t('status.suspended')}</option>
            </select>
          )}
        </Field>
      )}
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('directory.search')}
        </button>
      </div>
    </form>
  );
}
