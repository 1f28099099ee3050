// A live room: the conversation (earlier history on demand), who is here, who is typing, the
// composer with its pending messages, the question queue in session rooms and the moderators'
// tools. The connection's state is always visible; after a reconnect the room catches up from
// the last message seen, so nothing is missed and nothing shows twice.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../features/identity/session';
import { Composer, COMPOSER_ID } from '../features/live/Composer';
import { conversationItems, dayLabel } from '../features/live/conversation';
import { momentText, problemText, roomName, typingText } from '../features/live/liveText';
import { MessageItem } from '../features/live/MessageItem';
import { PresenceList } from '../features/live/PresenceList';
import { QuestionQueue } from '../features/live/QuestionQueue';
import type { LiveRoom, PendingMessage, RoomSnapshot } from '../features/live/room';
import { RoomRestrictions } from '../features/live/RoomRestrictions';
import { useLiveRoom } from '../features/live/useLiveRoom';
import { useViewerZone, YourTimeNote } from '../features/time/viewerZone';
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
  const { t, i18n } = useTranslation();
  return (
    <li className="message message--mine message--pending" data-testid="pending-message">
      <p className="message__body message__body--pending">{pending.body}</p>
      {pending.state === 'failed' && pending.error ? (
        <div className="message__failed" role="alert">
          <p>{t('live.notSent', { reason: problemText(t, i18n.language, pending.error) })}</p>
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

/** May write here now: allowed to send and not muted. */
function canWriteNow(state: RoomSnapshot): boolean {
  return state.canSend && !(state.mutedUntil && Date.parse(state.mutedUntil) > Date.now());
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
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const items = useMemo(
    () => conversationItems(state.messages, { myId, readAtJoin: state.readAtJoin, timeZone: zone }),
    [state.messages, myId, state.readAtJoin, zone],
  );
  const canWrite = canWriteNow(state);
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

  // What the reader has in front of them at the bottom of the conversation is read.
  useEffect(() => {
    const markIfSeen = () => {
      if (stickToBottom.current && document.visibilityState === 'visible') room.markRead();
    };
    markIfSeen();
    document.addEventListener('visibilitychange', markIfSeen);
    return () => document.removeEventListener('visibilitychange', markIfSeen);
  }, [room, count, state.phase]);

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
        if (stickToBottom.current) room.markRead();
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
      {count === 0 && state.phase === 'joined' && (
        <p className="empty">{state.canSend ? t('live.noMessages') : t('live.noMessagesRead')}</p>
      )}
      <ol className="messages">
        {items.map((item) =>
          item.kind === 'day' ? (
            <li key={item.key} className="messages__divider" data-testid="day-divider">
              <span>
                {dayLabel(
                  item.day,
                  { today: t('live.today'), yesterday: t('live.yesterday') },
                  i18n.language,
                  zone,
                )}
              </span>
            </li>
          ) : item.kind === 'new' ? (
            <li
              key={item.key}
              className="messages__divider messages__divider--new"
              data-testid="new-messages"
            >
              <span>{t('live.newMessages')}</span>
            </li>
          ) : (
            <MessageItem
              key={item.key}
              message={item.message}
              room={room}
              myId={myId}
              canModerate={state.canModerate}
              canWrite={canWrite}
              grouped={item.grouped}
            />
          ),
        )}
        {state.pending.map((pending) => (
          <PendingItem key={pending.clientMessageId} pending={pending} room={room} />
        ))}
      </ol>
    </div>
  );
}

export function RoomPage() {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const me = useMe();
  const { roomId = '' } = useParams();
  const { room, state } = useLiveRoom(roomId, me.id);
  const info = state.room;
  const title = info ? roomName(t, info) : t('live.liveRoom');
  useDocumentTitle(title);

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
            {problemText(t, i18n.language, state.problem)}
          </div>
        )}
        <p>
          <Link to="/exchanges">{t('exchanges.back')}</Link>
        </p>
      </>
    );
  }

  const sessionRoom = info?.kind === 'session';
  const notYetOpen = info?.opensAt != null && Date.parse(info.opensAt) > Date.now();
  const readOnlyText = !info?.open
    ? notYetOpen && info?.opensAt
      ? t('live.readOnlyUntilOpen', { time: momentText(info.opensAt, i18n.language, zone) })
      : t('live.readOnly')
    : t('live.observer');
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
          {title}
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
          {problemText(t, i18n.language, state.problem)}
        </div>
      )}
      {state.canModerate && <p className="muted">{t('live.moderatorNote')}</p>}
      <nav className="room__jump" aria-label={t('live.roomSections')}>
        <ul>
          {state.phase === 'joined' && state.canSend && (
            <li>
              <a href={`#${COMPOSER_ID}`} className="room__skip">
                {t('live.skipToComposer')}
              </a>
            </li>
          )}
          <li>
            <a href="#room-people">{t('live.jumpToPeople', { count: state.present.length })}</a>
          </li>
          {sessionRoom && (
            <li>
              <a href="#room-questions">
                {t('live.jumpToQuestions', { count: state.questions.length })}
              </a>
            </li>
          )}
          {state.canModerate && (
            <li>
              <a href="#room-restrictions">{t('live.restrictionsHeading')}</a>
            </li>
          )}
        </ul>
      </nav>
      <div className="room">
        <div className="room__main">
          <Conversation room={room} state={state} myId={me.id} />
          <div className="room__compose">
            <p className="room__typing" data-testid="typing">
              {typing}
            </p>
            {state.phase === 'joined' &&
              (state.canSend ? (
                <Composer room={room} questions={sessionRoom} mutedUntil={state.mutedUntil} />
              ) : (
                <p className="notice notice--info" data-testid="read-only">
                  {readOnlyText}
                </p>
              ))}
          </div>
        </div>
        <aside className="room__side" aria-label={t('live.roomSide')}>
          {state.canModerate && state.phase === 'joined' && (
            <div id="room-restrictions" tabIndex={-1}>
              <RoomRestrictions room={room} tick={state.moderationTick} />
            </div>
          )}
          <div id="room-people" tabIndex={-1}>
            <PresenceList
              room={room}
              present={state.present}
              myId={me.id}
              canModerate={state.canModerate && state.phase === 'joined'}
            />
          </div>
          {sessionRoom && (
            <div id="room-questions" tabIndex={-1}>
              <QuestionQueue
                room={room}
                questions={state.questions}
                myId={me.id}
                canModerate={state.canModerate}
                canSend={canWriteNow(state)}
              />
            </div>
          )}
        </aside>
      </div>
    </>
  );
}
