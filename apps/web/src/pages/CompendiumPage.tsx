// The compendium builder (`/practices/compendium`, coordinators): choose published entries by
// filter or by hand, a language and a format, and download the PDF or Markdown.
import {
  COMPENDIUM_AUDIENCES,
  COMPENDIUM_FORMATS,
  SEARCH_LANGUAGES,
  type CompendiumAudience,
  type CompendiumFormat,
  type SearchLanguage,
} from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource, useSubmit } from '../api/hooks';
import { languageName } from '../features/languages/languages';
import { Facets } from '../features/practices/Facets';
import {
  downloadCompendium,
  practicesApi,
  type LibraryFilters,
} from '../features/practices/practices.api';
import { useReaderLanguage } from '../features/practices/useReaderLanguage';
import { ErrorNotice, SuccessNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function CompendiumPage() {
  const { t, i18n } = useTranslation();
  const reader = useReaderLanguage();
  const [filters, setFilters] = useState<LibraryFilters>({});
  const [audience, setAudience] = useState<CompendiumAudience>('network');
  const [picked, setPicked] = useState<string[]>([]);
  const [language, setLanguage] = useState<SearchLanguage>(
    (SEARCH_LANGUAGES as readonly string[]).includes(reader) ? (reader as SearchLanguage) : 'en',
  );
  const [format, setFormat] = useState<CompendiumFormat>('pdf');
  const [title, setTitle] = useState('');
  const [done, setDone] = useState(false);
  const results = useResource(
    () => practicesApi.search(filters, language, undefined, 50),
    `compendium:${JSON.stringify(filters)}:${language}`,
  );
  // Exchange-only entries never travel; a public compendium takes public entries only.
  const eligible = (results.data?.items ?? []).filter((item) =>
    audience === 'public' ? item.visibility === 'public' : item.visibility !== 'exchange',
  );
  const download = useSubmit(async () => {
    setDone(false);
    await downloadCompendium({
      language,
      format,
      audience,
      ...(picked.length ? { ids: picked } : { filter: filters }),
      ...(title.trim() ? { title: title.trim() } : {}),
    });
    setDone(true);
  });
  useDocumentTitle(t('practices.compendium.title'));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void download.submit();
  };
  const toggle = (id: string, on: boolean) =>
    setPicked((current) => (on ? [...current, id] : current.filter((x) => x !== id)));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/practices">{t('practices.backToLibrary')}</Link>
      </p>
      <h1>{t('practices.compendium.title')}</h1>
      <p className="lead">{t('practices.compendium.intro')}</p>
      <div className="library-layout">
        <aside className="library-layout__facets" aria-label={t('practices.filters')}>
          <Field label={t('practices.searchLabel')}>
            {(control) => (
              <input
                {...control}
                type="search"
                value={filters.q ?? ''}
                onChange={(e) => setFilters({ ...filters, q: e.target.value || undefined })}
              />
            )}
          </Field>
          <Facets facets={results.data?.facets} filters={filters} onChange={setFilters} />
        </aside>
        <form className="form library-layout__results" onSubmit={onSubmit}>
          <fieldset className="field">
            <legend>{t('practices.compendium.entries')}</legend>
            <p className="field__hint">{t('practices.compendium.entriesHint')}</p>
            {results.loading && <Loading />}
            <ErrorNotice error={results.error} />
            <ul className="plain-list compendium-picks" data-testid="compendium-entries">
              {eligible.map((item) => (
                <li key={item.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={picked.includes(item.id)}
                      onChange={(e) => toggle(item.id, e.target.checked)}
                    />
                    <span lang={item.language}>{item.title}</span>
                  </label>
                </li>
              ))}
            </ul>
            <p role="status" className="muted">
              {picked.length
                ? t('practices.compendium.picked', { count: picked.length })
                : t('practices.compendium.byFilter', { count: eligible.length })}
            </p>
          </fieldset>
          <div className="field-row">
            <Field label={t('practices.compendium.language')}>
              {(control) => (
                <select
                  {...control}
                  value={language}
                  onChange={(e) => setLanguage(e.target.value as SearchLanguage)}
                >
                  {SEARCH_LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l, i18n.language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('practices.compendium.format')}>
              {(control) => (
                <select
                  {...control}
                  value={format}
                  onChange={(e) => setFormat(e.target.value as CompendiumFormat)}
                >
                  {COMPENDIUM_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {t(`practices.compendium.formats.${f}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('practices.compendium.audience')}>
              {(control) => (
                <select
                  {...control}
                  value={audience}
                  onChange={(e) => setAudience(e.target.value as CompendiumAudience)}
                >
                  {COMPENDIUM_AUDIENCES.map((a) => (
                    <option key={a} value={a}>
                      {t(`practices.compendium.audiences.${a}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field
            label={t('practices.compendium.coverTitle')}
            hint={t('practices.compendium.coverHint')}
          >
            {(control) => (
              <input
                {...control}
                maxLength={200}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <p className="field__hint">{t('practices.compendium.attributionNote')}</p>
          <ErrorNotice error={download.error} />
          {done && <SuccessNotice>{t('practices.compendium.done')}</SuccessNotice>}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={download.busy}>
              {t('practices.compendium.download')}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
