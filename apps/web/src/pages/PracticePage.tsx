// One entry (`/practices/:ref`, by slug or id): the published version in the reader's language
// where it exists, its versions and their differences, and what the reader may do next.
// Readable without an account when the entry is public.
import type { PracticeVersionSummary, PracticeView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { useSession } from '../features/identity/session';
import { HiddenByReport, useFlagging, useHiddenByReport } from '../features/moderation/flagging';
import { DiffView } from '../features/practices/DiffView';
import { PracticeDetail } from '../features/practices/PracticeDetail';
import { PracticeModeration } from '../features/practices/PracticeModeration';
import { practicesApi } from '../features/practices/practices.api';
import { useReaderLanguage } from '../features/practices/useReaderLanguage';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function Versions({
  practice,
  versions,
}: {
  practice: PracticeView;
  versions: PracticeVersionSummary[];
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const diff = useResource(
    () => (open ? practicesApi.diff(practice.id, open - 1, open) : Promise.resolve(null)),
    `diff:${practice.id}:${open}`,
  );
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const ref = practice.slug ?? practice.id;
  return (
    <section aria-labelledby="versions-heading" className="practice-versions">
      <h2 id="versions-heading">{t('practices.versions')}</h2>
      <ol className="plain-list" reversed data-testid="versions">
        {versions.map((version) => (
          <li key={version.version}>
            <Link to={`/practices/${ref}?version=${version.version}`}>
              {t('practices.versionNumber', { version: version.version })}
            </Link>{' '}
            <span className="muted">
              {date.format(new Date(version.publishedAt))}
              {version.publishedBy && ` · ${version.publishedBy.displayName}`}
            </span>{' '}
            {version.version > 1 && (
              <button
                type="button"
                className="button button--small"
                aria-expanded={open === version.version}
                onClick={() => setOpen(open === version.version ? null : version.version)}
              >
                {t('practices.compareWithPrevious')}
                <span className="visually-hidden">
                  {' '}
                  ({t('practices.versionNumber', { version: version.version })})
                </span>
              </button>
            )}
            {open === version.version && (
              <div className="panel">
                <ErrorNotice error={diff.error} />
                {diff.loading && <Loading />}
                {diff.data && <DiffView fields={diff.data.fields} />}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PracticePage() {
  const { ref = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const readerLanguage = useReaderLanguage();
  const [params] = useSearchParams();
  const lang = params.get('lang') ?? readerLanguage;
  const version = Number(params.get('version')) || null;
  const ready = session.status !== 'loading';
  const practice = useResource(
    () =>
      ready
        ? version
          ? practicesApi.version(ref, version, lang)
          : practicesApi.get(ref, lang)
        : new Promise<PracticeView>(() => undefined),
    `practice:${ref}:${lang}:${version}:${session.status}`,
  );
  const published = practice.data?.currentVersion !== null && practice.data !== undefined;
  const versions = useResource(
    () => (published ? practicesApi.versions(ref) : Promise.resolve([])),
    `versions:${ref}:${published}:${practice.data?.currentVersion}`,
  );
  useDocumentTitle(practice.data?.texts.title ?? t('practices.libraryTitle'));
  const { report } = useFlagging();
  const reportedAway = useHiddenByReport('practice', practice.data?.id);

  if (practice.loading && !practice.data) return <Loading />;
  if (!practice.data)
    return (
      <>
        <ErrorNotice error={practice.error} />
        {session.status === 'signed-out' && (
          <p>
            <Link to={`/sign-in?next=${encodeURIComponent(`/practices/${ref}`)}`}>
              {t('practices.signInToRead')}
            </Link>
          </p>
        )}
        <p>
          <Link to="/practices">{t('practices.backToLibrary')}</Link>
        </p>
      </>
    );
  const p = practice.data;
  // Signed-in members report what others wrote (a working copy is not in the library yet).
  const mayReport =
    session.status === 'signed-in' && p.copy === 'published' && p.author?.id !== session.me.id;
  if (reportedAway)
    return (
      <>
        <p className="breadcrumb">
          <Link to="/practices">{t('practices.backToLibrary')}</Link>
        </p>
        <HiddenByReport subjectType="practice" />
      </>
    );
  const languageLink = (language: string) =>
    `/practices/${p.slug ?? p.id}?lang=${language}${version ? `&version=${version}` : ''}`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/practices">{t('practices.backToLibrary')}</Link>
      </p>
      {version && p.currentVersion && version !== p.currentVersion && (
        <p className="notice notice--info">
          {t('practices.oldVersion', { version, current: p.currentVersion })}{' '}
          <Link to={`/practices/${p.slug ?? p.id}`}>{t('practices.readCurrent')}</Link>
        </p>
      )}
      {p.copy === 'working' && <p className="notice notice--info">{t('practices.draftNotice')}</p>}
      {p.archivedAt && <p className="notice notice--info">{t('practices.archivedNotice')}</p>}
      {(p.can.edit || p.can.viewWorkingCopy) && (
        <div className="actions practice-actions">
          {p.can.edit && (
            <Link to={`/practices/${p.id}/edit`} className="button button--primary">
              {p.copy === 'published' ? t('practices.editNextVersion') : t('practices.edit')}
            </Link>
          )}
          {p.can.viewWorkingCopy && (
            <Link to={`/practices/${p.id}/review`} className="button">
              {t('practices.review.open')}
            </Link>
          )}
        </div>
      )}
      <PracticeDetail practice={p} languageLinks={languageLink} />
      {mayReport && (
        <p className="practice-report">
          <button
            type="button"
            className="button button--small"
            onClick={() => report('practice', p.id)}
          >
            {t('practices.report')}
          </button>
        </p>
      )}
      {p.can.moderate && p.copy === 'published' && !version && (
        <PracticeModeration practice={p} onChanged={practice.reload} />
      )}
      {versions.data && versions.data.length > 0 && (
        <Versions practice={p} versions={versions.data} />
      )}
    </>
  );
}
