// Who is in the room now (each person once, however many tabs), with the moderators' tools:
// mute for a while, remove from the room (the same forms as in a message's menu).
import type { PresenceEntry } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LocalTime } from '../time/LocalTime';
import { MuteForm, RemoveForm } from './ModerationForms';
import type { LiveRoom } from './room';

function Moderate({ room, entry }: { room: LiveRoom; entry: PresenceEntry }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'none' | 'mute' | 'remove'>('none');
  const [done, setDone] = useState<string | null>(null);
  const name = entry.person.displayName;
  const finish = (message: string) => {
    setDone(message);
    setMode('none');
  };
  const form = { room, person: entry.person, onDone: finish, onCancel: () => setMode('none') };
  return (
    <div className="presence__moderate">
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      {mode === 'none' && (
        <div
          className="actions actions--tight"
          role="group"
          aria-label={t('live.moderate', { name })}
        >
          <button type="button" className="button button--small" onClick={() => setMode('mute')}>
            {t('live.mute')}
            <span className="visually-hidden"> {name}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => setMode('remove')}
          >
            {t('live.remove')}
            <span className="visually-hidden"> ({name})</span>
          </button>
        </div>
      )}
      {mode === 'mute' && <MuteForm {...form} />}
      {mode === 'remove' && <RemoveForm {...form} />}
    </div>
  );
}

export function PresenceList({
  room,
  present,
  myId,
  canModerate,
}: {
  room: LiveRoom;
  present: PresenceEntry[];
  myId: string;
  canModerate: boolean;
}) {
  const { t } = useTranslation();
  const sorted = [...present].sort((a, b) =>
    a.person.displayName.localeCompare(b.person.displayName),
  );
  return (
    <section className="panel room__presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('live.presenceHeading')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{t('live.nobodyHere')}</p>
      ) : (
        <ul className="presence" data-testid="presence">
          {sorted.map((entry) => (
            <li key={entry.person.id} className="presence__person">
              <span className="presence__dot" aria-hidden="true" />
              <Link to={`/practitioners/${entry.person.id}`}>{entry.person.displayName}</Link>
              {entry.person.id === myId && <span className="muted"> {t('live.you')}</span>}
              <div className="presence__where muted">
                {entry.person.city?.name && <span>{entry.person.city.name} · </span>}
                <LocalTime timeZone={entry.person.timeZone} place={entry.person.city?.name} />
              </div>
              {canModerate && entry.person.id !== myId && <Moderate room={room} entry={entry} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
