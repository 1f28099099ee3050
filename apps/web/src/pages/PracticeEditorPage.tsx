// Writing an entry: `/practices/new` starts a draft (its language and title), then
// `/practices/:id/edit` is the structured editor, autosaved, with the draft's sources and quotes.
import { SEARCH_LANGUAGES, type PracticeWorkingView } from '@contracts';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource, useSubmit } from '../api/hooks';
import { languageName } from '../features/languages/languages';
import { StatusBadge } from '../features/practices/PracticeBadges';
import { PracticeEditor } from '../features/practices/PracticeEditor';
import { practicesApi } from '../features/practices/practices.api';
import { useReaderLanguage } from '../features/practices/useReaderLanguage';
import { WorkingSources } from '../features/practices/WorkingSources';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function NewPractice() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [language, setLanguage] = useState(useReaderLanguage());
  const [title, setTitle] = useState('');
  const create = useSubmit(async () => {
    const draft = await practicesApi.create({
      originalLanguage: language,
      texts: [{ language, title: title.trim() }],
    });
    void navigate(`/practices/${draft.id}/edit`, { replace: true });
  });
  useDocumentTitle(t('practices.newEntry'));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void create.submit();
  };
  return (
    <>
      <h1>{t('practices.newEntry')}</h1>
      <p className="lead">{t('practices.editor.startIntro')}</p>
      <form className="form narrow" onSubmit={onSubmit}>
        <ErrorNotice error={create.error} />
        <Field
          label={t('practices.fields.originalLanguage')}
          name="originalLanguage"
          error={create.error}
        >
          {(control) => (
            <select
              {...control}
              value={language}
              onChange={(event) => setLanguage(event.target.value)}
            >
              {SEARCH_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {languageName(l, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('practices.fields.title')} name="texts" error={create.error}>
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
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.busy}>
            {t('practices.editor.start')}
          </button>
        </div>
      </form>
    </>
  );
}

function EditPractice({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const working = useResource(() => practicesApi.working(id), `working:${id}`);
  const [latest, setLatest] = useState<PracticeWorkingView>();
  const entry = latest ?? working.data;
  const onSaved = useCallback((saved: PracticeWorkingView) => setLatest(saved), []);
  const submit = useSubmit(async () => {
    await practicesApi.submit(id);
    void navigate(`/practices/${id}`);
  });
  const remove = useSubmit(async () => {
    await practicesApi.remove(id);
    void navigate('/practices/mine', { replace: true });
  });
  useDocumentTitle(t('practices.editor.title'));
  if (working.loading && !working.data) return <Loading />;
  if (!working.data || !entry) return <ErrorNotice error={working.error} />;
  const title = entry.textsByLanguage[entry.originalLanguage]?.title;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/practices/mine">{t('practices.myEntries')}</Link>
      </p>
      <div className="page-heading">
        <h1>{t('practices.editor.title')}</h1>
        <StatusBadge status={entry.status} />
      </div>
      {title && <p className="lead">{title}</p>}
      {!entry.can.edit && <p className="notice notice--info">{t('practices.editor.locked')}</p>}
      {entry.status === 'published' && (
        <p className="notice notice--info">{t('practices.editor.publishedNote')}</p>
      )}
      {entry.comments.length > 0 && (
        <p className="notice notice--info">
          {t('practices.editor.hasComments', { count: entry.comments.length })}{' '}
          <Link to={`/practices/${id}/review`}>{t('practices.review.open')}</Link>
        </p>
      )}
      <div className="editor-layout">
        <div>
          {entry.can.edit ? (
            <PracticeEditor initial={working.data} onSaved={onSaved} />
          ) : (
            <p>
              <Link to={`/practices/${id}`}>{t('practices.editor.view')}</Link>
            </p>
          )}
        </div>
        <aside className="editor-layout__side" aria-label={t('practices.editor.sideLabel')}>
          <div className="actions actions--stacked">
            <Link to={`/practices/${id}`} className="button">
              {t('practices.editor.view')}
            </Link>
            {entry.can.submit && (
              <button
                type="button"
                className="button button--primary"
                disabled={submit.busy || entry.missing.length > 0}
                onClick={() => void submit.submit()}
              >
                {t('practices.editor.submit')}
              </button>
            )}
            {entry.can.delete && (
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  window.confirm(t('practices.editor.confirmDelete')) && void remove.submit()
                }
              >
                {t('practices.editor.delete')}
              </button>
            )}
          </div>
          <ErrorNotice error={submit.error ?? remove.error} />
          <WorkingSources
            entry={entry}
            editable={entry.can.edit}
            onChange={() => {
              setLatest(undefined);
              working.reload();
            }}
          />
        </aside>
      </div>
    </>
  );
}

export function PracticeEditorPage() {
  const { id } = useParams();
  return id ? <EditPractice key={id} id={id} /> : <NewPractice />;
}
