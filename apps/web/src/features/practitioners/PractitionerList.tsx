import type { PractitionerView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LocalTime } from '../time/LocalTime';
import { ThemeList } from '../themes/ThemePicker';
import { languageName } from '../languages/languages';

/** "Official · Rotterdam · Strong Cities Network" */
export function AffiliationLine({ person }: { person: PractitionerView }) {
  const { t } = useTranslation();
  const parts = [
    person.position ? t(`positions.${person.position}`) : null,
    person.city?.name,
    person.organisation,
  ].filter(Boolean);
  return parts.length ? <p className="card__meta">{parts.join(' · ')}</p> : null;
}

export function PractitionerList({ people }: { people: PractitionerView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="cards">
      {people.map((person) => (
        <li key={person.id} className="card" data-testid="practitioner-card">
          <div className="card__heading">
            <h2 className="card__title">
              <Link to={`/practitioners/${person.id}`}>{person.displayName}</Link>
            </h2>
            <LocalTime timeZone={person.timeZone} place={person.city?.name} />
          </div>
          <AffiliationLine person={person} />
          {person.languages.length > 0 && (
            <p className="card__meta">
              <span className="visually-hidden">{t('profile.languages')}: </span>
              {person.languages.map((tag) => languageName(tag, i18n.language)).join(', ')}
            </p>
          )}
          <ThemeList themes={person.themes} />
          {person.status === 'suspended' && (
            <p className="badge badge--warning">{t('status.suspended')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
