// Schedule, reschedule or edit a session. The start is entered as the host's wall clock in the
// host's zone (the browser's by default); "Find a time" fills it from a suggestion.
import { SESSION_KINDS, type CitySummary, type SessionKind, type SessionView } from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { MarkdownField } from '../../ui/MarkdownField';
import { TimeZoneSelect } from '../time/TimeZoneSelect';
import { useViewerZone } from '../time/viewerZone';
import { instantOf, wallClockIn } from '../time/zones';
import { useDurationText } from './AvailabilityTimeline';
import { FindATime } from './FindATime';
import type { SessionInput } from './sessions.api';
import { SessionTime } from './SessionTime';

const DURATIONS = [30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 480];

export function SessionForm({
  exchangeId,
  cities,
  session,
  myId,
  submitLabel,
  onSave,
}: {
  exchangeId: string;
  /** The exchange's cities, offered for the venue. */
  cities: CitySummary[];
  session?: SessionView;
  myId: string;
  submitLabel: string;
  onSave: (input: SessionInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const durationText = useDurationText();
  // A new session starts on the host's own clock: the scheduler's profile zone.
  const viewerZone = useViewerZone();
  const initialZone = session?.hostTimeZone ?? viewerZone;
  const initialStart = session ? wallClockIn(initialZone, new Date(session.startsAt)) : null;
  const [kind, setKind] = useState<SessionKind>(session?.kind ?? 'workshop');
  const [title, setTitle] = useState(session?.title ?? '');
  const [agenda, setAgenda] = useState(session?.agenda ?? '');
  const [hostTimeZone, setHostTimeZone] = useState(initialZone);
  const [date, setDate] = useState(initialStart?.date ?? '');
  const [time, setTime] = useState(initialStart?.time ?? '');
  const [duration, setDuration] = useState(
    session ? Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000) : 60,
  );
  const [online, setOnline] = useState(session?.online ?? true);
  const [venueName, setVenueName] = useState(session?.venue?.name ?? '');
  const [venueCityId, setVenueCityId] = useState(session?.venue?.city?.id ?? '');
  const save = useSubmit(onSave);

  const start = date && time ? instantOf(date, time, hostTimeZone) : null;
  const end = start ? new Date(start.getTime() + duration * 60_000) : null;
  const venueCities =
    session?.venue?.city && !cities.some((city) => city.id === session.venue?.city?.id)
      ? [...cities, session.venue.city]
      : cities;
  const durations = DURATIONS.includes(duration)
    ? DURATIONS
    : [...DURATIONS, duration].sort((a, b) => a - b);

  const setStart = (at: Date, zone = hostTimeZone) => {
    const clock = wallClockIn(zone, at);
    setDate(clock.date);
    setTime(clock.time);
  };
  // Changing the host's zone keeps the moment and shows it on the new zone's clock.
  const onZoneChange = (zone: string) => {
    if (start) setStart(start, zone);
    setHostTimeZone(zone);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!start || !end) return;
    void save.submit({
      kind,
      title: title.trim(),
      agenda,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      hostTimeZone,
      online,
      venue: venueName.trim()
        ? { name: venueName.trim(), ...(venueCityId ? { cityId: venueCityId } : {}) }
        : null,
    });
  };

  return (
    <form className="form session-form" onSubmit={onSubmit}>
      <ErrorNotice
        error={save.error}
        fields={{
          kind: t('sessions.kind'),
          title: t('sessions.titleLabel'),
          agenda: t('sessions.agenda'),
          startsAt: t('sessions.date'),
          endsAt: t('sessions.duration'),
          hostTimeZone: t('sessions.hostTimeZone'),
          venue: t('sessions.venue'),
          'venue.cityId': t('sessions.venueCity'),
        }}
      />
      <fieldset className="field">
        <legend>{t('sessions.what')}</legend>
        <div className="form">
          <div className="field-row">
            <Field label={t('sessions.kind')} name="kind" error={save.error}>
              {(control) => (
                <select
                  {...control}
                  value={kind}
                  onChange={(e) => setKind(e.target.value as SessionKind)}
                >
                  {SESSION_KINDS.map((value) => (
                    <option key={value} value={value}>
                      {t(`sessions.kinds.${value}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('sessions.titleLabel')} name="title" error={save.error}>
              {(control) => (
                <input
                  {...control}
                  required
                  minLength={3}
                  maxLength={200}
                  value={title}
                  onChange={(e) => setTitle(e.target.value)}
                />
              )}
            </Field>
          </div>
          <MarkdownField
            label={t('sessions.agenda')}
            name="agenda"
            error={save.error}
            value={agenda}
            onChange={setAgenda}
            rows={6}
          />
        </div>
      </fieldset>

      <fieldset className="field">
        <legend>{t('sessions.when')}</legend>
        <div className="form">
          <div className="field-row">
            <Field label={t('sessions.duration')} name="endsAt" error={save.error}>
              {(control) => (
                <select
                  {...control}
                  value={duration}
                  onChange={(e) => setDuration(Number(e.target.value))}
                >
                  {durations.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {durationText(minutes)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('sessions.hostTimeZone')}
              hint={t('sessions.hostTimeZoneHint')}
              name="hostTimeZone"
              error={save.error}
            >
              {(control) => (
                <TimeZoneSelect {...control} value={hostTimeZone} onChange={onZoneChange} />
              )}
            </Field>
          </div>
          <FindATime
            exchangeId={exchangeId}
            durationMinutes={duration}
            myId={myId}
            onPick={(startsAt) => setStart(startsAt)}
          />
          <div className="field-row">
            <Field label={t('sessions.date')} name="startsAt" error={save.error}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  required
                  value={date}
                  onChange={(e) => setDate(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('sessions.startTime')}>
              {(control) => (
                <input
                  {...control}
                  type="time"
                  required
                  value={time}
                  onChange={(e) => setTime(e.target.value)}
                />
              )}
            </Field>
          </div>
          <p className="session-form__preview" role="status">
            {start && end ? (
              <SessionTime
                startsAt={start.toISOString()}
                endsAt={end.toISOString()}
                hostTimeZone={hostTimeZone}
              />
            ) : (
              <span className="muted">{t('sessions.noTimeYet')}</span>
            )}
          </p>
        </div>
      </fieldset>

      <fieldset className="field">
        <legend>{t('sessions.where')}</legend>
        <div className="form">
          <label className="checkbox">
            <input type="checkbox" checked={online} onChange={(e) => setOnline(e.target.checked)} />
            <span>{t('sessions.onlineLabel')}</span>
          </label>
          <div className="field-row">
            <Field
              label={online ? t('sessions.venueOptional') : t('sessions.venue')}
              name="venue.name"
              error={save.error}
            >
              {(control) => (
                <input
                  {...control}
                  required={!online}
                  maxLength={200}
                  value={venueName}
                  onChange={(e) => setVenueName(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('sessions.venueCity')} name="venue.cityId" error={save.error}>
              {(control) => (
                <select
                  {...control}
                  value={venueCityId}
                  onChange={(e) => setVenueCityId(e.target.value)}
                >
                  <option value="">{t('sessions.noVenueCity')}</option>
                  {venueCities.map((city) => (
                    <option key={city.id} value={city.id}>
                      {city.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.busy || !start}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
