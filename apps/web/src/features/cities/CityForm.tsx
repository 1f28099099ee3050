// Create or edit a city (coordinators).
import type { CityView } from '@contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { LanguagesInput } from '../languages/LanguagesInput';
import { TimeZoneSelect } from '../time/TimeZoneSelect';
import { browserTimeZone } from '../time/zones';
import type { CityInput } from './cities.api';
import { countryOptions } from './countries';

export function CityForm({
  city,
  onSave,
  submitLabel,
}: {
  city?: CityView;
  onSave: (input: CityInput) => Promise<unknown>;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(city?.name ?? '');
  const [countryCode, setCountryCode] = useState(city?.countryCode ?? '');
  const [subdivision, setSubdivision] = useState(city?.subdivision ?? '');
  const [timeZone, setTimeZone] = useState(city?.timeZone ?? browserTimeZone());
  const [population, setPopulation] = useState(city?.population?.toString() ?? '');
  const [languages, setLanguages] = useState<string[]>(city?.languages ?? []);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const save = useSubmit(onSave);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save.submit({
      name: name.trim(),
      countryCode,
      subdivision: subdivision.trim() ? subdivision.trim().toUpperCase() : null,
      timeZone,
      population: population.trim() ? Number(population) : null,
      languages,
    });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate={false}>
      <ErrorNotice
        error={save.error}
        fields={{
          name: t('cities.name'),
          countryCode: t('cities.country'),
          subdivision: t('cities.subdivision'),
          timeZone: t('common.timeZone'),
          population: t('cities.population'),
          languages: t('cities.languages'),
        }}
      />
      <Field label={t('cities.name')} name="name" error={save.error}>
        {(control) => (
          <input
            {...control}
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label={t('cities.country')} name="countryCode" error={save.error}>
          {(control) => (
            <select
              {...control}
              required
              value={countryCode}
              onChange={(e) => setCountryCode(e.target.value)}
            >
              <option value="">{t('cities.chooseCountry')}</option>
              {countries.map((country) => (
                <option key={country.value} value={country.value}>
                  {country.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('cities.subdivision')}
          hint={t('cities.subdivisionHint')}
          name="subdivision"
          error={save.error}
        >
          {(control) => (
            <input
              {...control}
              value={subdivision}
              pattern="[A-Za-z]{2}-[A-Za-z0-9]{1,3}"
              onChange={(e) => setSubdivision(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('common.timeZone')} name="timeZone" error={save.error}>
          {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
        </Field>
        <Field label={t('cities.population')} name="population" error={save.error}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={100_000_000}
              step={1}
              inputMode="numeric"
              value={population}
              onChange={(e) => setPopulation(e.target.value)}
            />
          )}
        </Field>
      </div>
      <LanguagesInput
        legend={t('cities.languages')}
        value={languages}
        onChange={setLanguages}
        error={save.error}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
