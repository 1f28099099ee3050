// Ways into the live rooms: the exchange page lists its lobby and session rooms; a session page
// shows "Join now" once its room is open (and makes it appear when it opens).
import type { RoomView } from '@contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { liveApi } from './live.api';
import { useViewerZone } from '../time/viewerZone';
import { momentText } from './liveText';

/** Re-checks the rooms when the next one opens (timers longer than a day are not needed). */
function useReloadWhenOpening(rooms: RoomView[] | undefined, reload: () => void): void {
  useEffect(() => {
    const next = (rooms ?? [])
      .filter((r) => !r.open && r.opensAt && Date.parse(r.opensAt) > Date.now())
      .map((r) => Date.parse(r.opensAt!))
      .sort((a, b) => a - b)[0];
    if (next === undefined || next - Date.now() > 24 * 3_600_000) return;
    const timer = setTimeout(reload, Math.max(0, next - Date.now()) + 1_000);
    return () => clearTimeout(timer);
  }, [rooms, reload]);
}

function RoomState({ room }: { room: RoomView }) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  if (room.open) return <span className="badge badge--active">{t('live.openNow')}</span>;
  if (room.opensAt && Date.parse(room.opensAt) > Date.now())
    return (
      <span className="badge">
        {t('live.opensAt', { time: momentText(room.opensAt, i18n.language, zone) })}
      </span>
    );
  return <span className="badge badge--concluded">{t('live.closed')}</span>;
}

export function RoomList({ exchangeId }: { exchangeId: string }) {
  const { t } = useTranslation();
  const rooms = useResource(() => liveApi.rooms(exchangeId), `rooms:${exchangeId}`);
  useReloadWhenOpening(rooms.data, rooms.reload);
  return (
    <section aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">{t('live.roomsHeading')}</h2>
      <ErrorNotice error={rooms.error} />
      {rooms.loading && !rooms.data && <Loading />}
      {rooms.data &&
        (rooms.data.length === 0 ? (
          <p className="empty">{t('live.noRooms')}</p>
        ) : (
          <ul className="rooms" data-testid="rooms">
            {rooms.data.map((room) => (
              <li key={room.id} className="room-link">
                <Link to={`/rooms/${room.id}`}>
                  {room.kind === 'lobby' ? t('live.lobby') : room.title}
                </Link>{' '}
                <RoomState room={room} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** On a session page: "Join now" while its room is open, when it opens otherwise. */
export function SessionRoomLink({
  exchangeId,
  sessionId,
  canManage,
}: {
  exchangeId: string;
  sessionId: string;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const rooms = useResource(() => liveApi.rooms(exchangeId), `rooms:${exchangeId}`);
  useReloadWhenOpening(rooms.data, rooms.reload);
  const room = rooms.data?.find((r) => r.sessionId === sessionId);
  if (!room) return null;
  const notYet = !room.open && room.opensAt !== null && Date.parse(room.opensAt) > Date.now();
  return (
    <section className="panel join-room" aria-labelledby="join-room-heading">
      <h2 id="join-room-heading">{t('live.liveRoom')}</h2>
      {room.open ? (
        <Link to={`/rooms/${room.id}`} className="button button--primary">
          {t('live.joinNow')}
        </Link>
      ) : notYet ? (
        <>
          <p role="status">
            {t('live.roomOpensAt', { time: momentText(room.opensAt!, i18n.language, zone) })}
          </p>
          {canManage && (
            <Link to={`/rooms/${room.id}`} className="button">
              {t('live.enterEarly')}
            </Link>
          )}
        </>
      ) : (
        <Link to={`/rooms/${room.id}`} className="button">
          {t('live.readRoom')}
        </Link>
      )}
    </section>
  );
}
