// Create or edit an exchange (coordinators create; hosts and coordinators edit).
import {
  ATTRIBUTION_RULES,
  EXCHANGE_STATUSES,
  type AttributionRule,
  type ExchangeStatus,
  type ExchangeView,
} from '@contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field, problemsFor } from '../../ui/Field';
import { MarkdownField } from '../../ui/MarkdownField';
import { CityMultiSelect } from '../cities/CityMultiSelect';
import { useAllCities } from '../cities/CitySelect';
import { ThemePicker } from '../themes/ThemePicker';
import { useThemes } from '../themes/themes';
import type { ExchangeInput } from './exchanges.api';

export function ExchangeForm({
  exchange,
  onSave,
  submitLabel,
}: {
  exchange?: ExchangeView;
  onSave: (input: ExchangeInput) => Promise<unknown>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const cities = useAllCities();
  const themes = useThemes();
  const [title, setTitle] = useState(exchange?.title ?? '');
  const [description, setDescription] = useState(exchange?.description ?? '');
  const [themeSlugs, setThemeSlugs] = useState(exchange?.themes.map((theme) => theme.slug) ?? []);
  const [cityIds, setCityIds] = useState(exchange?.cities.map((city) => city.id) ?? []);
  const [status, setStatus] = useState<ExchangeStatus>(exchange?.status ?? 'planned');
  const [attribution, setAttribution] = useState<AttributionRule>(exchange?.attribution ?? 'named');
  // People spoke under the rule in force: it only changes while the exchange is planned.
  const attributionLocked = exchange !== undefined && exchange.status !== 'planned';
  const save = useSubmit(onSave);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save.submit({
      title: title.trim(),
      description,
      themes: themeSlugs,
      status,
      cityIds,
      attribution,
    });
  };

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorNotice
        error={save.error}
        fields={{
          title: t('exchanges.titleLabel'),
          description: t('exchanges.description'),
          themes: t('exchanges.themes'),
          cityIds: t('exchanges.cities'),
          status: t('exchanges.status'),
          attribution: t('exchanges.attribution'),
        }}
      />
      <Field label={t('exchanges.titleLabel')} name="title" error={save.error}>
        {(control) => (
          <input
            {...control}
            required
            minLength={3}
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <MarkdownField
        label={t('exchanges.description')}
        hint={t('exchanges.descriptionHint')}
        name="description"
        error={save.error}
        value={description}
        onChange={setDescription}
        rows={10}
      />
      <ThemePicker
        legend={t('exchanges.themes')}
        themes={themes.data ?? []}
        value={themeSlugs}
        onChange={setThemeSlugs}
        error={save.error}
      />
      <CityMultiSelect
        legend={t('exchanges.cities')}
        hint={t('exchanges.citiesHint')}
        cities={cities.data}
        value={cityIds}
        onChange={setCityIds}
        problems={problemsFor(save.error, 'cityIds')}
      />
      <Field label={t('exchanges.status')} name="status" error={save.error}>
        {(control) => (
          <select
            {...control}
            value={status}
            onChange={(e) => setStatus(e.target.value as ExchangeStatus)}
          >
            {EXCHANGE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`exchanges.statuses.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset
        className="field attribution"
        aria-describedby={attributionLocked ? `${id}-locked` : undefined}
      >
        <legend>{t('exchanges.attribution')}</legend>
        {attributionLocked && (
          <p className="field__hint" id={`${id}-locked`}>
            {t('exchanges.attributionLocked')}
          </p>
        )}
        {ATTRIBUTION_RULES.map((rule) => (
          <label key={rule} className="radio-card">
            <input
              type="radio"
              name="attribution"
              value={rule}
              checked={attribution === rule}
              disabled={attributionLocked}
              onChange={() => setAttribution(rule)}
              aria-describedby={`${id}-${rule}`}
            />
            <span>
              <strong>{t(`exchanges.attributions.${rule}`)}</strong>
              <span className="radio-card__text" id={`${id}-${rule}`}>
                {t(`exchanges.attributionExplained.${rule}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
