// Choose several cities from the network's hundreds: the chosen ones as removable chips,
// the rest found by typing part of a name.
import type { CityView } from '@contracts';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldProblems } from '../../ui/Field';
import { countryName } from './countries';

const SHOWN = 12;

export function CityMultiSelect({
  legend,
  hint,
  cities,
  value,
  onChange,
  problems = [],
}: {
  legend: string;
  hint?: string;
  cities: CityView[] | undefined;
  value: string[];
  onChange: (cityIds: string[]) => void;
  problems?: string[];
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  // Chosen and removed cities leave the list they were in: focus goes back to the search.
  const find = useRef<HTMLInputElement>(null);
  const byId = useMemo(() => new Map((cities ?? []).map((city) => [city.id, city])), [cities]);
  const label = (city: CityView) =>
    `${city.name} (${countryName(city.countryCode, i18n.language)})`;
  const needle = query.trim().toLocaleLowerCase(i18n.language);
  const matches = (cities ?? []).filter(
    (city) =>
      !value.includes(city.id) &&
      (!needle || label(city).toLocaleLowerCase(i18n.language).includes(needle)),
  );
  const describedBy =
    [hint ? `${id}-hint` : null, problems.length ? `${id}-problems` : null]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <fieldset className="field city-multi" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {value.length === 0 ? (
        <p className="muted city-multi__none">{t('cityPicker.noneChosen')}</p>
      ) : (
        <ul className="chips" aria-label={t('cityPicker.chosen')}>
          {value.map((cityId) => {
            const city = byId.get(cityId);
            const name = city ? label(city) : cityId;
            return (
              <li key={cityId} className="chip chip--removable">
                <span>{name}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('cityPicker.remove', { name })}
                  onClick={() => {
                    onChange(value.filter((v) => v !== cityId));
                    find.current?.focus();
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label htmlFor={`${id}-find`} className="city-multi__find-label">
        {t('cityPicker.find')}
      </label>
      <input
        ref={find}
        id={`${id}-find`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {matches.length === 0 ? (
        <p className="muted">{t('cityPicker.noMatch')}</p>
      ) : (
        <div className="checkbox-group__choices">
          {matches.slice(0, SHOWN).map((city) => (
            <label key={city.id} className="checkbox">
              <input
                type="checkbox"
                checked={false}
                onChange={() => {
                  onChange([...value, city.id]);
                  setQuery('');
                  find.current?.focus();
                }}
              />
              <span>{label(city)}</span>
            </label>
          ))}
        </div>
      )}
      {matches.length > SHOWN && (
        <p className="field__hint">{t('cityPicker.more', { count: matches.length - SHOWN })}</p>
      )}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}
