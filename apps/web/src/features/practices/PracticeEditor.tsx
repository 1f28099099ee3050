// The structured editor: every field of an entry, texts per language (the original and its
// translations), autosaved as you type, with the server's problems shown at each field.
import {
  EVIDENCE_LEVELS,
  PRACTICE_LIMITS,
  PRACTICE_SCALES,
  PRACTICE_TEXT_FIELDS,
  PRACTICE_VISIBILITIES,
  SEARCH_LANGUAGES,
  TARGET_GROUPS,
  type PracticeTextField,
  type PracticeTexts,
  type PracticeWorkingView,
} from '@contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import { useResource } from '../../api/hooks';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field, problemsFor } from '../../ui/Field';
import { MarkdownField } from '../../ui/MarkdownField';
import { CityMultiSelect } from '../cities/CityMultiSelect';
import { useAllCities } from '../cities/CitySelect';
import { exchangesApi } from '../exchanges/exchanges.api';
import { hasRole, useMe } from '../identity/session';
import { languageName } from '../languages/languages';
import { ThemePicker } from '../themes/ThemePicker';
import { useThemes } from '../themes/themes';
import { PracticeDocuments } from './PracticeDocuments';
import { useAutosave, type Patch } from './useAutosave';

const LONG: PracticeTextField[] = PRACTICE_TEXT_FIELDS.filter(
  (f) => f !== 'title' && f !== 'summary',
);

/** A translation with every field empty, as a new language starts. */
function blankTexts(): PracticeTexts {
  return Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, ''])) as PracticeTexts;
}

export function SaveStatus({ state, onRetry }: { state: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="save-status" role="status" data-testid="save-status">
      {t(`practices.editor.save.${state}`)}{' '}
      {state === 'failed' && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('practices.editor.retry')}
        </button>
      )}
    </p>
  );
}

export function PracticeEditor({
  initial,
  onSaved,
}: {
  initial: PracticeWorkingView;
  onSaved: (entry: PracticeWorkingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const themes = useThemes();
  const cities = useAllCities();
  const exchanges = useResource(() => exchangesApi.list({ mine: 'true' }), 'my-exchanges');
  const [entry, setEntry] = useState(initial);
  const [texts, setTexts] = useState(initial.textsByLanguage);
  const [language, setLanguage] = useState(initial.originalLanguage);
  const saved = useCallback(
    (next: PracticeWorkingView) => {
      setEntry((current) => ({ ...next, textsByLanguage: current.textsByLanguage }));
      onSaved(next);
    },
    [onSaved],
  );
  const autosave = useAutosave(initial, saved);
  const error = autosave.error;
  const set = (patch: Patch, local: Partial<PracticeWorkingView>) => {
    setEntry((current) => ({ ...current, ...local }));
    autosave.change(patch);
  };
  const setText = (field: PracticeTextField, value: string) => {
    setTexts((current) => ({
      ...current,
      [language]: { ...(current[language] ?? blankTexts()), [field]: value },
    }));
    autosave.change({ texts: { [language]: { [field]: value } } });
  };
  const addLanguage = (added: string) => {
    if (!added || texts[added]) return;
    setTexts((current) => ({
      ...current,
      [added]: blankTexts(),
    }));
    autosave.change({ texts: { [added]: { title: '' } } });
    setLanguage(added);
  };
  const removeLanguage = () => {
    if (language === entry.originalLanguage) return;
    if (
      !window.confirm(
        t('practices.editor.confirmRemoveLanguage', {
          language: languageName(language, i18n.language),
        }),
      )
    )
      return;
    const removed = language;
    setTexts((current) => {
      const { [removed]: _gone, ...rest } = current;
      return rest;
    });
    autosave.change({ removeLanguages: [removed] });
    setLanguage(entry.originalLanguage);
  };
  const current = texts[language];
  const missing = new Set(entry.missing);
  const required = (field: string) =>
    missing.has(field as never) && language === entry.originalLanguage
      ? t('practices.editor.required')
      : undefined;
  const coordinator = hasRole(me, 'coordinator');
  const problems = (field: string) => problemsFor(error, field);
  // Text problems come back as texts.<index>.<field>: shown at the field, whatever the index.
  const withProblems = (field: string) => {
    const details =
      error instanceof ApiRequestError && Array.isArray(error.details) ? error.details : [];
    const list = (details as Array<{ field: string; problems: string[] }>)
      .filter((d) => d.field === field || d.field.endsWith(`.${field}`))
      .flatMap((d) => d.problems);
    return list.length
      ? new ApiRequestError({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: '',
          details: [{ field, problems: list }],
        })
      : undefined;
  };

  return (
    <div className="practice-editor">
      <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
      {autosave.state === 'conflict' && (
        <div className="notice notice--error" role="alert">
          {t('practices.editor.conflict')}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => window.location.reload()}
          >
            {t('practices.editor.reload')}
          </button>
        </div>
      )}
      {autosave.state === 'failed' && <ErrorNotice error={error} />}
      {entry.missing.length > 0 && (
        <p className="notice notice--info" data-testid="missing">
          {t('practices.editor.missing', {
            fields: entry.missing.map((f) => t(`practices.fields.${f}`)).join(', '),
          })}
        </p>
      )}

      <section aria-labelledby="editor-texts" className="panel">
        <h2 id="editor-texts">{t('practices.editor.texts')}</h2>
        <div className="editor-languages" role="group" aria-label={t('practices.editor.languages')}>
          {Object.keys(texts).map((l) => (
            <button
              key={l}
              type="button"
              className={
                l === language ? 'button button--primary button--small' : 'button button--small'
              }
              aria-pressed={l === language}
              onClick={() => setLanguage(l)}
            >
              {languageName(l, i18n.language)}
              {l === entry.originalLanguage && ` (${t('practices.editor.original')})`}
            </button>
          ))}
          <Field label={t('practices.editor.addTranslation')}>
            {(control) => (
              <select
                {...control}
                value=""
                onChange={(event) => addLanguage(event.target.value)}
                className="select--compact"
              >
                <option value="">{t('practices.editor.chooseLanguage')}</option>
                {SEARCH_LANGUAGES.filter((l) => !texts[l]).map((l) => (
                  <option key={l} value={l}>
                    {languageName(l, i18n.language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {language !== entry.originalLanguage && (
          <p>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={removeLanguage}
            >
              {t('practices.editor.removeLanguage', {
                language: languageName(language, i18n.language),
              })}
            </button>
          </p>
        )}
        <div lang={language}>
          <Field
            label={t('practices.fields.title')}
            hint={required('title')}
            name="title"
            error={withProblems('title')}
          >
            {(control) => (
              <input
                {...control}
                value={current?.title ?? ''}
                maxLength={PRACTICE_LIMITS.titleMax}
                onChange={(event) => setText('title', event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('practices.fields.summary')}
            hint={required('summary') ?? t('practices.editor.summaryHint')}
            name="summary"
            error={withProblems('summary')}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={current?.summary ?? ''}
                maxLength={PRACTICE_LIMITS.summaryMax}
                onChange={(event) => setText('summary', event.target.value)}
              />
            )}
          </Field>
          {LONG.map((field) => (
            <MarkdownField
              key={`${language}-${field}`}
              label={t(`practices.fields.${field}`)}
              hint={required(field) ?? t(`practices.editor.hints.${field}`)}
              name={field}
              error={withProblems(field)}
              value={current?.[field] ?? ''}
              onChange={(value) => setText(field, value)}
              rows={5}
              maxLength={PRACTICE_LIMITS.longTextMax}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="editor-facts" className="panel">
        <h2 id="editor-facts">{t('practices.editor.facts')}</h2>
        <ThemePicker
          legend={`${t('practices.fields.themes')}${missing.has('themes') ? ` (${t('practices.editor.required')})` : ''}`}
          themes={themes.data ?? []}
          value={entry.themes.map((th) => th.slug)}
          onChange={(slugs) =>
            set(
              { themes: slugs },
              { themes: (themes.data ?? []).filter((th) => slugs.includes(th.slug)) },
            )
          }
          error={error}
        />
        <CheckboxGroup
          legend={`${t('practices.fields.targetGroups')}${missing.has('targetGroups') ? ` (${t('practices.editor.required')})` : ''}`}
          choices={TARGET_GROUPS.map((g) => ({
            value: g,
            label: t(`practices.targetGroups.${g}`),
          }))}
          selected={entry.targetGroups}
          onChange={(groups) => set({ targetGroups: groups }, { targetGroups: groups as never })}
          problems={problems('targetGroups')}
        />
        <CityMultiSelect
          legend={t('practices.fields.cities')}
          cities={cities.data}
          value={entry.cities.map((c) => c.id)}
          onChange={(ids) =>
            set({ cityIds: ids }, { cities: (cities.data ?? []).filter((c) => ids.includes(c.id)) })
          }
          problems={problems('cityIds')}
        />
        <div className="field-row">
          <Field label={t('practices.fields.scale')} name="scale" error={error}>
            {(control) => (
              <select
                {...control}
                value={entry.scale ?? ''}
                onChange={(event) =>
                  set(
                    { scale: event.target.value || null },
                    { scale: (event.target.value || null) as never },
                  )
                }
              >
                <option value="">{t('practices.editor.notSaid')}</option>
                {PRACTICE_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {t(`practices.scales.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('practices.fields.periodStart')}
            hint={required('periodStart')}
            name="periodStart"
            error={error}
          >
            {(control) => (
              <input
                {...control}
                type="month"
                value={entry.periodStart ?? ''}
                onChange={(event) =>
                  set(
                    { periodStart: event.target.value || null },
                    { periodStart: event.target.value || null },
                  )
                }
              />
            )}
          </Field>
          <Field
            label={t('practices.fields.periodEnd')}
            hint={t('practices.editor.ongoingHint')}
            name="periodEnd"
            error={error}
          >
            {(control) => (
              <input
                {...control}
                type="month"
                value={entry.periodEnd ?? ''}
                onChange={(event) =>
                  set(
                    { periodEnd: event.target.value || null },
                    { periodEnd: event.target.value || null },
                  )
                }
              />
            )}
          </Field>
        </div>
        <Field
          label={t('practices.fields.evidenceLevel')}
          hint={required('evidenceLevel') ?? t('practices.editor.evidenceHint')}
          name="evidenceLevel"
          error={error}
        >
          {(control) => (
            <select
              {...control}
              value={entry.evidenceLevel ?? ''}
              onChange={(event) =>
                set(
                  { evidenceLevel: event.target.value || null },
                  { evidenceLevel: (event.target.value || null) as never },
                )
              }
            >
              <option value="">{t('practices.editor.notSaid')}</option>
              {EVIDENCE_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`practices.evidence.${level}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('practices.fields.evaluationUrl')} name="evaluationUrl" error={error}>
          {(control) => (
            <input
              {...control}
              type="url"
              value={entry.evaluationUrl ?? ''}
              onChange={(event) =>
                set(
                  { evaluationUrl: event.target.value || null },
                  { evaluationUrl: event.target.value || null },
                )
              }
            />
          )}
        </Field>
        <fieldset className="field">
          <legend>{t('practices.fields.contact')}</legend>
          <div className="field-row">
            {(['name', 'organisation', 'email'] as const).map((part) => (
              <Field
                key={part}
                label={t(`practices.editor.contact.${part}`)}
                name={`contact.${part}`}
                error={error}
              >
                {(control) => (
                  <input
                    {...control}
                    type={part === 'email' ? 'email' : 'text'}
                    value={entry.contact[part]}
                    onChange={(event) =>
                      set(
                        { contact: { ...entry.contact, [part]: event.target.value } },
                        { contact: { ...entry.contact, [part]: event.target.value } },
                      )
                    }
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
        <fieldset className="field attribution">
          <legend>{t('practices.fields.visibility')}</legend>
          {PRACTICE_VISIBILITIES.filter((v) => v !== 'public' || coordinator).map((v) => (
            <label key={v} className="radio-card">
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={entry.visibility === v}
                onChange={() => set({ visibility: v }, { visibility: v })}
              />
              <span>
                <strong>{t(`practices.visibility.${v}`)}</strong>
                <span className="radio-card__text">{t(`practices.visibilityExplained.${v}`)}</span>
              </span>
            </label>
          ))}
          {!coordinator && (
            <p className="field__hint">{t('practices.editor.publicByCoordinators')}</p>
          )}
        </fieldset>
        <Field
          label={t('practices.fields.exchange')}
          hint={t('practices.editor.exchangeHint')}
          name="exchangeId"
          error={error}
        >
          {(control) => (
            <select
              {...control}
              value={entry.exchangeId ?? ''}
              onChange={(event) =>
                set(
                  { exchangeId: event.target.value || null },
                  { exchangeId: event.target.value || null },
                )
              }
            >
              <option value="">{t('practices.editor.noExchange')}</option>
              {(exchanges.data?.items ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
              {entry.exchange &&
                !(exchanges.data?.items ?? []).some((x) => x.id === entry.exchange!.id) && (
                  <option value={entry.exchange.id}>{entry.exchange.title}</option>
                )}
            </select>
          )}
        </Field>
      </section>

      <PracticeDocuments
        entry={entry}
        beforeChange={autosave.flush}
        onChanged={(next) => {
          autosave.adopt(next);
          saved(next);
        }}
      />
    </div>
  );
}
