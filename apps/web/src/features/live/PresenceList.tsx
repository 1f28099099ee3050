// Who is in the room now (each person once, however many tabs), with the moderators' tools:
// mute for a while, remove from the room. Both ask why, for the moderation log.
import type { PresenceEntry } from '@contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LocalTime } from '../time/LocalTime';
import { useViewerZone } from '../time/viewerZone';
import { momentText, problemText } from './liveText';
import { ReasonForm } from './ReasonForm';
import type { LiveRoom } from './room';

const DURATIONS = [
  { key: 'm15', minutes: 15 },
  { key: 'h1', minutes: 60 },
  { key: 'd1', minutes: 24 * 60 },
  { key: 'w1', minutes: 7 * 24 * 60 },
] as const;

function Moderate({ room, entry }: { room: LiveRoom; entry: PresenceEntry }) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const [mode, setMode] = useState<'none' | 'mute' | 'remove'>('none');
  const [minutes, setMinutes] = useState(15);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const name = entry.person.displayName;
  const run = async (action: () => Promise<string>) => {
    setProblem(null);
    try {
      setDone(await action());
      setMode('none');
    } catch (error) {
      const e = error as { code?: string; message?: string };
      setProblem({ code: e.code ?? 'INTERNAL', message: e.message ?? String(error) });
    }
  };
  return (
    <div className="presence__moderate">
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          {problemText(t, problem)}
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
      {mode === 'mute' && (
        <ReasonForm
          label={t('live.muteReason', { name })}
          submitLabel={t('live.mute')}
          onCancel={() => setMode('none')}
          onSubmit={(reason) =>
            run(async () => {
              const until = await room.mute(entry.person.id, minutes, reason);
              return t('live.mutedUntil', { name, time: momentText(until, i18n.language, zone) });
            })
          }
        >
          <div className="field">
            <label htmlFor={`${id}-duration`}>{t('live.muteFor')}</label>
            <select
              id={`${id}-duration`}
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
            >
              {DURATIONS.map((d) => (
                <option key={d.key} value={d.minutes}>
                  {t(`live.durations.${d.key}`)}
                </option>
              ))}
            </select>
          </div>
        </ReasonForm>
      )}
      {mode === 'remove' && (
        <ReasonForm
          label={t('live.removeReason', { name })}
          submitLabel={t('live.remove')}
          onCancel={() => setMode('none')}
          onSubmit={(reason) =>
            run(async () => {
              await room.removeMember(entry.person.id, reason);
              return t('live.removedPerson', { name });
            })
          }
        />
      )}
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
