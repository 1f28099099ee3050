// The review's tools: per-field comments, the reviewer's decision, and the coordinator's part
// (reviewers, publishing, archiving). The server decides who may do what; these only offer it.
import {
  PRACTICE_FIELDS,
  PRACTICE_TEXT_FIELDS,
  PRACTICE_VISIBILITIES,
  type PracticeField,
  type PracticeVisibility,
  type PracticeWorkingView,
} from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource, useSubmit } from '../../api/hooks';
import { ErrorNotice, SuccessNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { languageName } from '../languages/languages';
import { practitionersApi } from '../practitioners/practitioners.api';
import { practicesApi } from './practices.api';

const isText = (field: PracticeField) =>
  (PRACTICE_TEXT_FIELDS as readonly string[]).includes(field);

export function CommentForm({
  entry,
  onDone,
}: {
  entry: PracticeWorkingView;
  onDone: (e: PracticeWorkingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const [field, setField] = useState<PracticeField>('summary');
  const [language, setLanguage] = useState(entry.originalLanguage);
  const [body, setBody] = useState('');
  const send = useSubmit(async () => {
    onDone(
      await practicesApi.comment(entry.id, field, isText(field) ? language : null, body.trim()),
    );
    setBody('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send.submit();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="comment-heading">
      <h3 id="comment-heading">{t('practices.review.addComment')}</h3>
      <ErrorNotice error={send.error} />
      <div className="field-row">
        <Field label={t('practices.review.field')} name="field" error={send.error}>
          {(control) => (
            <select
              {...control}
              value={field}
              onChange={(event) => setField(event.target.value as PracticeField)}
            >
              {PRACTICE_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`practices.fields.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {isText(field) && (
          <Field label={t('practices.review.language')} name="language" error={send.error}>
            {(control) => (
              <select
                {...control}
                value={language}
                onChange={(event) => setLanguage(event.target.value)}
              >
                {Object.keys(entry.textsByLanguage).map((l) => (
                  <option key={l} value={l}>
                    {languageName(l, i18n.language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label={t('practices.review.comment')} name="body" error={send.error}>
        {(control) => (
          <textarea
            {...control}
            required
            rows={3}
            maxLength={4000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={send.busy || !body.trim()}>
          {t('practices.review.send')}
        </button>
      </div>
    </form>
  );
}

export function Decision({
  entry,
  onDone,
}: {
  entry: PracticeWorkingView;
  onDone: (e: PracticeWorkingView) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const approve = useSubmit(async () => {
    onDone(await practicesApi.approve(entry.id, comment.trim() || undefined));
    setDone(t('practices.review.approved'));
  });
  const changes = useSubmit(async () => {
    onDone(await practicesApi.requestChanges(entry.id, comment.trim()));
    setDone(t('practices.review.changesRequested'));
  });
  return (
    <section aria-labelledby="decision-heading" className="panel">
      <h2 id="decision-heading">{t('practices.review.decision')}</h2>
      {done && <SuccessNotice>{done}</SuccessNotice>}
      <ErrorNotice error={approve.error ?? changes.error} />
      <Field
        label={t('practices.review.decisionComment')}
        hint={t('practices.review.decisionHint')}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={approve.busy}
          onClick={() => void approve.submit()}
        >
          {t('practices.review.approve')}
        </button>
        <button
          type="button"
          className="button"
          disabled={changes.busy || !comment.trim()}
          onClick={() => void changes.submit()}
        >
          {t('practices.review.requestChanges')}
        </button>
      </div>
    </section>
  );
}

export function CoordinatorTools({
  entry,
  onDone,
}: {
  entry: PracticeWorkingView;
  onDone: (e: PracticeWorkingView) => void;
}) {
  const { t } = useTranslation();
  const researchers = useResource(
    () => practitionersApi.list({ position: 'researcher', status: 'active' }),
    'researchers',
  );
  const [reviewer, setReviewer] = useState('');
  const [visibility, setVisibility] = useState<PracticeVisibility>(entry.visibility);
  const [reason, setReason] = useState('');
  const assign = useSubmit(async () => {
    onDone(await practicesApi.assignReviewer(entry.id, reviewer));
    setReviewer('');
  });
  const publish = useSubmit(async () => onDone(await practicesApi.publish(entry.id, visibility)));
  const archive = useSubmit(async () =>
    onDone(await practicesApi.archive(entry.id, reason.trim())),
  );
  const candidates = (researchers.data?.items ?? []).filter(
    (p) => p.id !== entry.author?.id && !entry.reviewers.some((r) => r.person.id === p.id),
  );
  return (
    <section aria-labelledby="coordinator-heading" className="panel">
      <h2 id="coordinator-heading">{t('practices.review.coordinator')}</h2>
      {entry.can.assignReviewers && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (reviewer) void assign.submit();
          }}
        >
          <ErrorNotice error={assign.error} />
          <Field label={t('practices.review.assign')}>
            {(control) => (
              <select
                {...control}
                value={reviewer}
                onChange={(event) => setReviewer(event.target.value)}
              >
                <option value="">{t('practices.review.chooseReviewer')}</option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                    {p.city ? ` (${p.city.name})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button" disabled={!reviewer || assign.busy}>
            {t('practices.review.assignButton')}
          </button>
        </form>
      )}
      {entry.can.publish && (
        <div className="form">
          <ErrorNotice error={publish.error} />
          <Field label={t('practices.review.publishAs')}>
            {(control) => (
              <select
                {...control}
                value={visibility}
                onChange={(event) => setVisibility(event.target.value as PracticeVisibility)}
              >
                {PRACTICE_VISIBILITIES.map((v) => (
                  <option key={v} value={v}>
                    {t(`practices.visibility.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button button--primary"
            disabled={publish.busy}
            onClick={() => void publish.submit()}
          >
            {t('practices.review.publish')}
          </button>
        </div>
      )}
      {entry.can.archive && (
        <div className="form">
          <ErrorNotice error={archive.error} />
          <Field label={t('practices.review.archiveReason')}>
            {(control) => (
              <input
                {...control}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <button
            type="button"
            className="button button--danger"
            disabled={archive.busy || !reason.trim()}
            onClick={() => void archive.submit()}
          >
            {t('practices.review.archive')}
          </button>
        </div>
      )}
    </section>
  );
}
