// The moderators' forms about a person, used from the list of people present and from a
// message's menu: mute for a while, remove from the room. Both ask why, for the moderation log.
import type { PersonSummary } from '@contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewerZone } from '../time/viewerZone';
import { momentText } from './liveText';
import { ReasonForm } from './ReasonForm';
import type { LiveRoom } from './room';

/** How long a mute lasts: the choices a room's moderators and the review queue offer. */
export const MUTE_DURATIONS = [
  { key: 'm15', minutes: 15 },
  { key: 'h1', minutes: 60 },
  { key: 'd1', minutes: 24 * 60 },
  { key: 'w1', minutes: 7 * 24 * 60 },
] as const;

type MuteDuration = (typeof MUTE_DURATIONS)[number];

/** The "mute for" choice, labelled, in the languages of the live durations. */
export function MuteDurationField({
  id,
  value,
  onChange,
  choices = MUTE_DURATIONS,
}: {
  id: string;
  value: number;
  onChange: (minutes: number) => void;
  choices?: readonly MuteDuration[];
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('live.muteFor')}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {choices.map((d) => (
          <option key={d.key} value={d.minutes}>
            {t(`live.durations.${d.key}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MuteForm({
  room,
  person,
  onDone,
  onCancel,
}: {
  room: LiveRoom;
  person: PersonSummary;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const [minutes, setMinutes] = useState(15);
  const name = person.displayName;
  return (
    <ReasonForm
      label={t('live.muteReason', { name })}
      submitLabel={t('live.mute')}
      onCancel={onCancel}
      onSubmit={async (reason) => {
        const until = await room.mute(person.id, minutes, reason);
        onDone(t('live.mutedUntil', { name, time: momentText(until, i18n.language, zone) }));
      }}
    >
      <MuteDurationField id={`${id}-duration`} value={minutes} onChange={setMinutes} />
    </ReasonForm>
  );
}

export function RemoveForm({
  room,
  person,
  onDone,
  onCancel,
}: {
  room: LiveRoom;
  person: PersonSummary;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const name = person.displayName;
  return (
    <ReasonForm
      label={t('live.removeReason', { name })}
      submitLabel={t('live.remove')}
      onCancel={onCancel}
      onSubmit={async (reason) => {
        await room.removeMember(person.id, reason);
        onDone(t('live.removedPerson', { name }));
      }}
    />
  );
}
