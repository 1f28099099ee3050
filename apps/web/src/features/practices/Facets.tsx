// The library's filters, each a select whose options carry how many entries they would give
// (counted over the query and the other filters), plus the chosen ones as removable chips.
import {
  PRACTICE_FACETS,
  type FacetCount,
  type PracticeFacet,
  type PracticeFacets,
} from '@contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { countryName } from '../cities/countries';
import { languageName } from '../languages/languages';
import type { LibraryFilters } from './practices.api';

export function useFacetLabel() {
  const { t, i18n } = useTranslation();
  return (facet: PracticeFacet, option: Pick<FacetCount, 'value' | 'label'>): string => {
    switch (facet) {
      case 'targetGroup':
        return t(`practices.targetGroups.${option.value}`, { defaultValue: option.label });
      case 'region':
        return t(`regions.${option.value}`, { defaultValue: option.label });
      case 'evidence':
        return t(`practices.evidence.${option.value}`, { defaultValue: option.label });
      case 'country':
        return countryName(option.value, i18n.language);
      case 'language':
        return languageName(option.value, i18n.language);
      default:
        return option.label;
    }
  };
}

export function Facets({
  facets,
  filters,
  onChange,
}: {
  facets: PracticeFacets | undefined;
  filters: LibraryFilters;
  onChange: (filters: LibraryFilters) => void;
}) {
  const { t } = useTranslation();
  const label = useFacetLabel();
  return (
    <div className="facets">
      {PRACTICE_FACETS.map((facet) => {
        const chosen = filters[facet] ?? '';
        const options = facets?.[facet] ?? [];
        // A chosen value stays choosable even when nothing matches it any more.
        const all =
          chosen && !options.some((o) => o.value === chosen)
            ? [...options, { value: chosen, label: chosen, count: 0 }]
            : options;
        return (
          <Field key={facet} label={t(`practices.facets.${facet}`)}>
            {(control) => (
              <select
                {...control}
                value={chosen}
                onChange={(event) =>
                  onChange({ ...filters, [facet]: event.target.value || undefined })
                }
              >
                <option value="">{t('practices.anyValue')}</option>
                {all.map((option) => (
                  <option key={option.value} value={option.value}>
                    {t('practices.facetOption', {
                      label: label(facet, option),
                      count: option.count,
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
    </div>
  );
}

/** The chosen filters as chips that remove themselves. */
export function ActiveFilters({
  filters,
  facets,
  onChange,
}: {
  filters: LibraryFilters;
  facets: PracticeFacets | undefined;
  onChange: (filters: LibraryFilters) => void;
}) {
  const { t } = useTranslation();
  const label = useFacetLabel();
  const chosen = PRACTICE_FACETS.filter((facet) => filters[facet]);
  if (chosen.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('practices.activeFilters')}>
      {chosen.map((facet) => {
        const value = filters[facet]!;
        const option = facets?.[facet].find((o) => o.value === value) ?? { value, label: value };
        const text = `${t(`practices.facets.${facet}`)}: ${label(facet, option)}`;
        return (
          <li key={facet} className="chip chip--removable">
            {text}
            <button
              type="button"
              className="chip__remove"
              aria-label={t('practices.removeFilter', { filter: text })}
              onClick={() => onChange({ ...filters, [facet]: undefined })}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
