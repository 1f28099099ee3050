import type { CityView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LocalTime } from '../time/LocalTime';
import { countryName } from './countries';

export function CityList({ cities }: { cities: CityView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="cards">
      {cities.map((city) => (
        <li key={city.id} className="card">
          <h2 className="card__title">
            <Link to={`/cities/${city.id}`}>{city.name}</Link>
          </h2>
          <p className="card__meta">
            {countryName(city.countryCode, i18n.language)}
            {city.subdivision ? ` · ${city.subdivision}` : ''} · {t(`regions.${city.region}`)}
          </p>
          <p className="card__meta">
            <LocalTime timeZone={city.timeZone} place={city.name} />
          </p>
          {city.archived && <p className="badge">{t('cities.archived')}</p>}
        </li>
      ))}
    </ul>
  );
}
