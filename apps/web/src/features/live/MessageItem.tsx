// One message: author, city, when (the reader's clock and the author's), the body, and what the
// reader may do with it: edit or delete their own, hide or show again as a moderator.
import type { MessageView } from '@contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNow } from '../time/useNow';
import { useViewerZone } from '../time/viewerZone';
import { authorClock, myClock, problemText } from './liveText';
import { ReasonForm } from './ReasonForm';
import { EDIT_WINDOW_MS, type LiveRoom, MAX_BODY_LENGTH } from './room';

type Mode = 'view' | 'edit' | 'hide' | 'restore';

function problemOf(error: unknown): { code: string; message: string } {
  return error instanceof Error && 'code' in error
    ? { code: String(error.code), message: error.message }
    : { code: 'INTERNAL', message: String(error) };
}

export function MessageItem({
  message,
  room,
  myId,
  canModerate,
  canSend,
}: {
  message: MessageView;
  room: LiveRoom;
  myId: string;
  canModerate: boolean;
  canSend: boolean;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const id = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(message.body);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const author = message.author;
  const mine = author?.id === myId;
  const editable =
    mine && canSend && now.getTime() - new Date(message.createdAt).getTime() < EDIT_WINDOW_MS;
  const zone = useViewerZone();
  const theirClock = author ? authorClock(t, author, message.createdAt, i18n.language, zone) : null;

  const run = async (action: () => Promise<void>) => {
    setProblem(null);
    try {
      await action();
      setMode('view');
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const className = [
    'message',
    mine ? 'message--mine' : '',
    message.hidden ? 'message--hidden' : '',
    message.question ? 'message--question' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li className={className} data-testid="message" data-seq={message.seq}>
      <div className="message__meta">
        {author ? (
          <Link to={`/practitioners/${author.id}`} className="message__author">
            {author.displayName}
          </Link>
        ) : (
          <span className="message__author muted">{t('live.hiddenMessage')}</span>
        )}
        {author?.city && <span className="message__city">{author.city.name}</span>}
        <time dateTime={message.createdAt} className="message__time">
          {myClock(message.createdAt, i18n.language, zone)}
        </time>
        {theirClock && <span className="message__their-time">({theirClock})</span>}
        {message.editedAt && <span className="muted">{t('live.edited')}</span>}
        {message.question && (
          <span className="badge">
            {message.question.answeredAt ? t('live.answered') : t('live.question')}
          </span>
        )}
      </div>
      {mode === 'edit' ? (
        <form
          className="message__edit"
          onSubmit={(e) => {
            e.preventDefault();
            const body = draft.trim();
            if (body) void run(() => room.edit(message.id, body));
          }}
        >
          <label htmlFor={`${id}-edit`} className="visually-hidden">
            {t('live.editMessage')}
          </label>
          <textarea
            id={`${id}-edit`}
            value={draft}
            rows={2}
            maxLength={MAX_BODY_LENGTH}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMode('view');
            }}
          />
          <div className="actions actions--tight">
            <button type="submit" className="button button--small button--primary">
              {t('live.save')}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              {t('live.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="message__body" lang={message.language ?? undefined}>
          {message.body}
        </p>
      )}
      {message.hidden && (
        <p className="message__hidden-note">
          {t('live.hiddenWithReason', { reason: message.hidden.reason })}
        </p>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          {problemText(t, problem)}
        </p>
      )}
      {mode === 'hide' && (
        <ReasonForm
          label={t('live.hideReason')}
          submitLabel={t('live.hide')}
          onSubmit={(reason) => run(() => room.hide(message.id, reason))}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'restore' && (
        <ReasonForm
          label={t('live.restoreReason')}
          submitLabel={t('live.restore')}
          onSubmit={(reason) => run(() => room.restore(message.id, reason))}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'view' && (editable || mine || canModerate) && (
        <div
          className="message__actions"
          role="group"
          aria-label={t('live.actionsFor', { name: author?.displayName ?? '' })}
        >
          {editable && !message.hidden && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => {
                setDraft(message.body);
                setMode('edit');
              }}
            >
              {t('live.edit')}
            </button>
          )}
          {mine && !message.hidden && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => {
                if (window.confirm(t('live.confirmDelete')))
                  void run(() => room.delete(message.id));
              }}
            >
              {t('live.delete')}
            </button>
          )}
          {canModerate &&
            (message.hidden ? (
              <button
                type="button"
                className="button button--text button--small"
                onClick={() => setMode('restore')}
              >
                {t('live.restore')}
              </button>
            ) : (
              <button
                type="button"
                className="button button--text button--small"
                onClick={() => setMode('hide')}
              >
                {t('live.hide')}
              </button>
            ))}
        </div>
      )}
    </li>
  );
}
