import type { CityView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/hooks';
import type { ControlProps } from '../../ui/Field';
import { citiesApi } from './cities.api';
import { countryName } from './countries';

export function useAllCities() {
  return useResource(() => citiesApi.all(), 'all-cities');
}

/** A select of the network's cities; the empty choice is labelled by `emptyLabel`. */
export function CitySelect({
  cities,
  value,
  onChange,
  emptyLabel,
  ...control
}: ControlProps & {
  cities: CityView[] | undefined;
  value: string;
  onChange: (cityId: string) => void;
  emptyLabel: string;
}) {
  const { i18n } = useTranslation();
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {(cities ?? []).map((city) => (
        <option key={city.id} value={city.id}>
          {city.name} ({countryName(city.countryCode, i18n.language)})
        </option>
      ))}
    </select>
  );
}
