// The exchange list's filters live in the URL, so a filtered list can be shared.
import { EXCHANGE_STATUSES, type CityView, type ExchangeStatus, type ThemeView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { CitySelect } from '../cities/CitySelect';
import { ThemeSelect } from '../themes/ThemePicker';
import type { ExchangeFilters as Filters } from './exchanges.api';

export function ExchangeFilters({
  filters,
  onChange,
  cities,
  themes,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  cities: CityView[] | undefined;
  themes: ThemeView[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('exchanges.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
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
      <Field label={t('exchanges.status')}>
        {(control) => (
          <select
            {...control}
            value={filters.status ?? ''}
            onChange={(e) => onChange({ ...filters, status: e.target.value as ExchangeStatus })}
          >
            <option value="">{t('exchanges.anyStatus')}</option>
            {EXCHANGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`exchanges.statuses.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('directory.city')}>
        {(control) => (
          <CitySelect
            {...control}
            cities={cities}
            value={filters.cityId ?? ''}
            onChange={(cityId) => onChange({ ...filters, cityId })}
            emptyLabel={t('directory.anyCity')}
          />
        )}
      </Field>
      <label className="checkbox filters__checkbox">
        <input
          type="checkbox"
          checked={filters.mine === 'true'}
          onChange={(e) => onChange({ ...filters, mine: e.target.checked ? 'true' : '' })}
        />
        <span>{t('exchanges.mine')}</span>
      </label>
    </form>
  );
}
