// For moderators: who is muted here (until when) and who was removed, each with a way to lift it.
import type { PersonSummary } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useViewerZone } from '../time/viewerZone';
import { liveApi } from './live.api';
import { momentText } from './liveText';
import { ReasonForm } from './ReasonForm';
import type { LiveRoom } from './room';

type Lifting = { person: PersonSummary; kind: 'unmute' | 'readmit' } | null;

export function RoomRestrictions({ room, tick }: { room: LiveRoom; tick: number }) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const restrictions = useResource(
    () => liveApi.restrictions(room.roomId),
    `restrictions:${room.roomId}:${tick}`,
  );
  const [lifting, setLifting] = useState<Lifting>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = restrictions.data;
  const empty = data && data.mutes.length === 0 && data.removals.length === 0;

  const form = (person: PersonSummary, kind: 'unmute' | 'readmit') =>
    lifting?.person.id === person.id && lifting.kind === kind ? (
      <ReasonForm
        label={t(kind === 'unmute' ? 'live.unmuteReason' : 'live.readmitReason', {
          name: person.displayName,
        })}
        submitLabel={t(kind === 'unmute' ? 'live.unmute' : 'live.readmit')}
        onCancel={() => setLifting(null)}
        onSubmit={async (reason) => {
          if (kind === 'unmute') await room.unmute(person.id, reason);
          else await room.readmit(person.id, reason);
          setLifting(null);
          setDone(
            t(kind === 'unmute' ? 'live.unmuted' : 'live.readmitted', {
              name: person.displayName,
            }),
          );
        }}
      />
    ) : (
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setDone(null);
          setLifting({ person, kind });
        }}
      >
        {t(kind === 'unmute' ? 'live.unmute' : 'live.readmit')}
        <span className="visually-hidden"> ({person.displayName})</span>
      </button>
    );

  return (
    <section
      className="panel room__restrictions"
      aria-labelledby="restrictions-heading"
      data-testid="restrictions"
    >
      <h2 id="restrictions-heading">{t('live.restrictionsHeading')}</h2>
      <ErrorNotice error={restrictions.error} />
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      {empty && <p className="empty">{t('live.noRestrictions')}</p>}
      {data && data.mutes.length > 0 && (
        <ul className="restrictions">
          {data.mutes.map(({ person, until }) => (
            <li key={person.id} data-testid="active-mute">
              <p>
                {t('live.mutedUntil', {
                  name: person.displayName,
                  time: momentText(until, i18n.language, zone),
                })}
              </p>
              {form(person, 'unmute')}
            </li>
          ))}
        </ul>
      )}
      {data && data.removals.length > 0 && (
        <ul className="restrictions">
          {data.removals.map(({ person, since }) => (
            <li key={person.id} data-testid="active-removal">
              <p>
                {t('live.removedSince', {
                  name: person.displayName,
                  time: momentText(since, i18n.language, zone),
                })}
              </p>
              {form(person, 'readmit')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
