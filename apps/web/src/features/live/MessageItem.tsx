// One message: author, city, when (the reader's clock and the author's) — or, under the same
// person's previous message, only the time — the markdown body, and a menu with what the reader
// may do: edit or delete their own, and as a moderator hide or show again, mute or remove its
// author. The author of a hidden message sees a placeholder with the moderators' reason.
import { EDIT_WINDOW_MS, MAX_BODY_LENGTH, type MessageView } from '@contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNow } from '../time/useNow';
import { useViewerZone } from '../time/viewerZone';
import { HiddenByReport, useFlagging, useHiddenByReport } from '../moderation/flagging';
import { MessageThreadLink } from '../threads/MessageThreadLink';
import { authorClock, myClock, problemText } from './liveText';
import { fromWireBody, toWireBody } from './mentionInput';
import { MessageBody } from './MessageBody';
import { MuteForm, RemoveForm } from './ModerationForms';
import { ReasonForm } from './ReasonForm';
import type { LiveRoom } from './room';

type Mode = 'view' | 'edit' | 'hide' | 'restore' | 'mute' | 'remove';

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
  canWrite,
  grouped,
}: {
  message: MessageView;
  room: LiveRoom;
  myId: string;
  canModerate: boolean;
  /** May write here now (not an observer, not muted, the room open). */
  canWrite: boolean;
  /** Under the same person's previous message: no name line. */
  grouped: boolean;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const id = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [menuOpen, setMenuOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { report } = useFlagging();
  const reportedAway = useHiddenByReport('message', message.id);
  const author = message.author;
  const mine = author?.id === myId;
  const hiddenForMe = message.hidden !== null && message.deleted; // my own, hidden by moderators
  const editable =
    mine &&
    canWrite &&
    !message.hidden &&
    now.getTime() - new Date(message.createdAt).getTime() < EDIT_WINDOW_MS;
  const zone = useViewerZone();
  const theirClock = author ? authorClock(t, author, message.createdAt, i18n.language, zone) : null;
  const name = author?.displayName ?? t('live.hiddenMessage');

  const choose = (next: Mode) => {
    setMenuOpen(false);
    setProblem(null);
    setStatus(null);
    if (next === 'edit') setDraft(fromWireBody(message.body).text);
    setMode(next);
  };
  const back = () => {
    setMode('view');
    menuButton.current?.focus();
  };

  const remove = async () => {
    setMenuOpen(false);
    if (!window.confirm(t('live.confirmDelete'))) return;
    try {
      await room.delete(message.id);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const actions: Array<{ label: string; danger?: boolean; run: () => void }> = [];
  if (editable) actions.push({ label: t('live.edit'), run: () => choose('edit') });
  if (mine && canWrite && !message.hidden)
    actions.push({ label: t('live.delete'), danger: true, run: () => void remove() });
  if (canModerate && !hiddenForMe && !(message.deleted && !message.hidden))
    actions.push(
      message.hidden
        ? { label: t('live.restore'), run: () => choose('restore') }
        : { label: t('live.hide'), run: () => choose('hide') },
    );
  if (author && !mine && !message.deleted)
    actions.push({
      label: t('live.report'),
      run: () => {
        setMenuOpen(false);
        report('message', message.id, menuButton.current);
      },
    });
  if (canModerate && author && !mine && !message.deleted) {
    actions.push({
      label: t('live.muteAuthor', { name: author.displayName }),
      run: () => choose('mute'),
    });
    actions.push({
      label: t('live.removeAuthor', { name: author.displayName }),
      danger: true,
      run: () => choose('remove'),
    });
  }

  // Reported for a serious reason: gone for this reader at once (the server agrees on reload).
  if (reportedAway)
    return (
      <li className="message message--hidden" data-testid="message" data-seq={message.seq}>
        <HiddenByReport subjectType="message" />
      </li>
    );

  const className = [
    'message',
    mine ? 'message--mine' : '',
    grouped ? 'message--grouped' : '',
    message.hidden ? 'message--hidden' : '',
    message.question ? 'message--question' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li className={className} data-testid="message" data-seq={message.seq}>
      {grouped ? (
        <div className="message__meta message__meta--grouped">
          <span className="visually-hidden">{name}</span>
          <time dateTime={message.createdAt} className="message__time">
            {myClock(message.createdAt, i18n.language, zone)}
          </time>
          {message.editedAt && <span className="muted">{t('live.edited')}</span>}
        </div>
      ) : (
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
        </div>
      )}
      {message.question && (
        <span className="badge message__badge">
          {message.question.answeredAt ? t('live.answered') : t('live.question')}
        </span>
      )}
      {hiddenForMe ? (
        <p className="message__placeholder" data-testid="hidden-placeholder">
          {t('live.yourMessageHidden', { reason: message.hidden?.reason ?? '' })}
        </p>
      ) : mode === 'edit' ? (
        <form
          className="message__edit"
          onSubmit={(e) => {
            e.preventDefault();
            const body = toWireBody(draft.trim(), fromWireBody(message.body).people);
            if (!body) return;
            room
              .edit(message.id, body)
              .then(back, (error: unknown) => setProblem(problemOf(error)));
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
              if (e.key === 'Escape') back();
            }}
          />
          <div className="actions actions--tight">
            <button type="submit" className="button button--small button--primary">
              {t('live.save')}
            </button>
            <button type="button" className="button button--small" onClick={back}>
              {t('live.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <MessageBody text={message.body} myId={myId} lang={message.language ?? undefined} />
      )}
      <MessageThreadLink message={message} mayStart={(mine || canModerate) && canWrite} />
      {message.hidden && !hiddenForMe && (
        <p className="message__hidden-note">
          {t('live.hiddenWithReason', { reason: message.hidden.reason })}
        </p>
      )}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          {problemText(t, i18n.language, problem)}
        </p>
      )}
      {mode === 'hide' && (
        <ReasonForm
          label={t('live.hideReason')}
          submitLabel={t('live.hide')}
          onSubmit={async (reason) => {
            await room.hide(message.id, reason);
            back();
          }}
          onCancel={back}
        />
      )}
      {mode === 'restore' && (
        <ReasonForm
          label={t('live.restoreReason')}
          submitLabel={t('live.restore')}
          onSubmit={async (reason) => {
            await room.restore(message.id, reason);
            back();
          }}
          onCancel={back}
        />
      )}
      {mode === 'mute' && author && (
        <MuteForm
          room={room}
          person={author}
          onDone={(done) => {
            setStatus(done);
            back();
          }}
          onCancel={back}
        />
      )}
      {mode === 'remove' && author && (
        <RemoveForm
          room={room}
          person={author}
          onDone={(done) => {
            setStatus(done);
            back();
          }}
          onCancel={back}
        />
      )}
      {mode === 'view' && actions.length > 0 && (
        <div
          className="message__menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButton.current?.focus();
            }
          }}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setMenuOpen(false);
          }}
        >
          <button
            ref={menuButton}
            type="button"
            className="button button--text button--small message__menu-button"
            aria-expanded={menuOpen}
            aria-controls={`${id}-menu`}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">⋯</span>
            <span className="visually-hidden">{t('live.actionsFor', { name })}</span>
          </button>
          {menuOpen && (
            <ul className="message__menu-list" id={`${id}-menu`}>
              {actions.map((action) => (
                <li key={action.label}>
                  <button
                    type="button"
                    className={action.danger ? 'menu-item menu-item--danger' : 'menu-item'}
                    onClick={action.run}
                  >
                    {action.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
