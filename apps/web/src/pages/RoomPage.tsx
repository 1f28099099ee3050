// A live room: the conversation (earlier history on demand), who is here, who is typing, the
// composer with its pending messages, the question queue in session rooms and the moderators'
// tools. The connection's state is always visible; after a reconnect the room catches up from
// the last message seen, so nothing is missed and nothing shows twice.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../features/identity/session';
import { Composer } from '../features/live/Composer';
import { problemText, roomName, typingText } from '../features/live/liveText';
import { MessageItem } from '../features/live/MessageItem';
import { PresenceList } from '../features/live/PresenceList';
import { QuestionQueue } from '../features/live/QuestionQueue';
import type { LiveRoom, PendingMessage, RoomSnapshot } from '../features/live/room';
import { useLiveRoom } from '../features/live/useLiveRoom';
import { YourTimeNote } from '../features/time/viewerZone';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function ConnectionBanner({ state }: { state: RoomSnapshot }) {
  const { t } = useTranslation();
  if (state.connection === 'online') return null;
  const text =
    state.connection === 'failed'
      ? t('live.connectionFailed')
      : state.connection === 'connecting'
        ? t('live.connecting')
        : t('live.reconnecting');
  return (
    <div
      className={`notice ${state.connection === 'failed' ? 'notice--error' : 'notice--info'} room__connection`}
      role="status"
      data-testid="connection-state"
    >
      {text}
    </div>
  );
}

function PendingItem({ pending, room }: { pending: PendingMessage; room: LiveRoom }) {
  const { t } = useTranslation();
  return (
    <li className="message message--mine message--pending" data-testid="pending-message">
      <p className="message__body">{pending.body}</p>
      {pending.state === 'failed' && pending.error ? (
        <div className="message__failed" role="alert">
          <p>{t('live.notSent', { reason: problemText(t, pending.error) })}</p>
          <div className="actions actions--tight">
            <button
              type="button"
              className="button button--small"
              onClick={() => room.retry(pending.clientMessageId)}
            >
              {t('live.retry')}
            </button>
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => room.discard(pending.clientMessageId)}
            >
              {t('live.discard')}
            </button>
          </div>
        </div>
      ) : (
        <p className="muted message__state">
          {pending.state === 'sending' ? t('live.sending') : t('live.waiting')}
        </p>
      )}
    </li>
  );
}

function Conversation({
  room,
  state,
  myId,
}: {
  room: LiveRoom;
  state: RoomSnapshot;
  myId: string;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBeforeEarlier = useRef<number | null>(null);
  const count = state.messages.length + state.pending.length;

  // New messages keep the view at the bottom if the reader was there; earlier history keeps
  // the message they were reading in place.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeEarlier.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeEarlier.current;
      heightBeforeEarlier.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [count]);

  const loadEarlier = () => {
    if (!state.hasEarlier || state.loadingEarlier) return;
    const el = scroller.current;
    heightBeforeEarlier.current = el?.scrollHeight ?? null;
    // The button goes away once everything is loaded: keep keyboard focus in the conversation.
    const focusWasInside = el?.contains(document.activeElement) ?? false;
    room.loadEarlier().then(
      () => {
        setTimeout(() => {
          if (focusWasInside && !el?.contains(document.activeElement)) el?.focus();
        });
      },
      () => {
        heightBeforeEarlier.current = null;
      },
    );
  };

  return (
    <div
      className="room__messages"
      ref={scroller}
      tabIndex={0}
      role="log"
      aria-live="polite"
      aria-label={t('live.messages')}
      onScroll={(e) => {
        const el = e.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        if (el.scrollTop < 24) loadEarlier();
      }}
    >
      {state.hasEarlier && (
        <p className="room__earlier">
          <button
            type="button"
            className="button button--small"
            onClick={loadEarlier}
            disabled={state.loadingEarlier}
          >
            {t('live.loadEarlier')}
          </button>
        </p>
      )}
      {count === 0 && state.phase === 'joined' && <p className="empty">{t('live.noMessages')}</p>}
      <ol className="messages">
        {state.messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            room={room}
            myId={myId}
            canModerate={state.canModerate}
            canSend={state.canSend}
          />
        ))}
        {state.pending.map((pending) => (
          <PendingItem key={pending.clientMessageId} pending={pending} room={room} />
        ))}
      </ol>
    </div>
  );
}

export function RoomPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { roomId = '' } = useParams();
  const { room, state } = useLiveRoom(roomId, me.id);
  const info = state.room;
  const name = info ? roomName(t, info) : t('live.liveRoom');
  useDocumentTitle(name);

  const typing = typingText(t, state.typing);
  const focusTarget = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.phase === 'removed') focusTarget.current?.focus();
  }, [state.phase]);

  if (!room || (state.phase === 'joining' && !info)) {
    return (
      <>
        <h1 className="visually-hidden">{t('live.liveRoom')}</h1>
        <ConnectionBanner state={state} />
        <Loading />
      </>
    );
  }
  if (state.phase === 'refused' && !info) {
    return (
      <>
        <h1>{t('live.liveRoom')}</h1>
        {state.problem && (
          <div className="notice notice--error" role="alert">
            {problemText(t, state.problem)}
          </div>
        )}
        <p>
          <Link to="/exchanges">{t('exchanges.back')}</Link>
        </p>
      </>
    );
  }

  const sessionRoom = info?.kind === 'session';
  return (
    <>
      <p className="breadcrumb">
        {info?.sessionId ? (
          <Link to={`/exchanges/${info.exchangeId}/sessions/${info.sessionId}`}>
            {t('exchanges.backTo', { title: info.title })}
          </Link>
        ) : (
          <Link to={info ? `/exchanges/${info.exchangeId}` : '/exchanges'}>
            {t('exchanges.back')}
          </Link>
        )}
      </p>
      <div className="page-heading">
        <h1 ref={focusTarget} tabIndex={-1}>
          {name}
        </h1>
      </div>
      <p className="badges">
        <span className="badge">{sessionRoom ? t('live.sessionRoom') : t('live.lobby')}</span>
        {info && !info.open && <span className="badge badge--concluded">{t('live.closed')}</span>}
      </p>
      <ConnectionBanner state={state} />
      <YourTimeNote />
      {state.phase === 'removed' && state.problem && (
        <div className="notice notice--error" role="alert">
          {t('live.removed', { reason: state.problem.message })}
        </div>
      )}
      {state.phase === 'refused' && state.problem && (
        <div className="notice notice--error" role="alert">
          {problemText(t, state.problem)}
        </div>
      )}
      {state.canModerate && <p className="muted">{t('live.moderatorNote')}</p>}
      <div className="room">
        <div className="room__main">
          <Conversation room={room} state={state} myId={me.id} />
          <p className="room__typing" data-testid="typing">
            {typing}
          </p>
          {state.phase === 'joined' &&
            (state.canSend ? (
              <Composer room={room} questions={sessionRoom} />
            ) : (
              <p className="notice notice--info" data-testid="read-only">
                {info && !info.open ? t('live.readOnly') : t('live.observer')}
              </p>
            ))}
        </div>
        <aside className="room__side" aria-label={t('live.liveRoom')}>
          <PresenceList
            room={room}
            present={state.present}
            myId={me.id}
            canModerate={state.canModerate && state.phase === 'joined'}
          />
          {sessionRoom && (
            <QuestionQueue
              room={room}
              questions={state.questions}
              myId={me.id}
              canModerate={state.canModerate}
              canSend={state.canSend}
            />
          )}
        </aside>
      </div>
    </>
  );
}
