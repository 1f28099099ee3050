// "Find a time": ask the API for the slots that keep people out of the night and suit most
// members' working hours in a date range (dates in the viewer's zone), show them best first with
// who is outside their hours and how far, say whose turn it is to be spared, and preview one on a
// timeline.
import type { FairnessNote, TimeSuggestionsView, WorkingHours } from '@contracts';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { practitionersApi } from '../practitioners/practitioners.api';
import { useViewerZone } from '../time/viewerZone';
import { addDays, instantOf, wallClockIn } from '../time/zones';
import { AvailabilityTimeline, useAvailabilityText, useDurationText } from './AvailabilityTimeline';
import { sessionsApi } from './sessions.api';
import { timeRangeIn } from './SessionTime';

/** Whose turn it is to be spared, and since which session; nothing when nobody is. */
function Turns({ fairness }: { fairness: FairnessNote | null }) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  if (!fairness?.stretched) return null;
  const session = fairness.lastSession;
  const when = timeRangeIn(
    zone,
    new Date(session.startsAt),
    new Date(session.endsAt),
    i18n.language,
  );
  const { stretched } = fairness;
  return (
    <p className="find-time__note" data-testid="fairness">
      {stretched.kind === 'region'
        ? t('findTime.turnsRegion', { when, side: t(`findTime.sides.${stretched.region}`) })
        : t('findTime.turnsPerson', { when, name: stretched.person.displayName })}
    </p>
  );
}

const MAX_DAYS = 21;

export function FindATime({
  exchangeId,
  durationMinutes,
  myId,
  onPick,
}: {
  exchangeId: string;
  durationMinutes: number;
  myId: string;
  onPick: (startsAt: Date, endsAt: Date) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const zone = useViewerZone();
  const today = wallClockIn(zone, new Date()).date;
  const [from, setFrom] = useState(addDays(today, 1));
  const [until, setUntil] = useState(addDays(today, 7));
  const [answer, setAnswer] = useState<TimeSuggestionsView | null>(null);
  const suggestions = answer?.suggestions ?? null;
  const [shown, setShown] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const [hours, setHours] = useState<ReadonlyMap<string, WorkingHours | null>>(new Map());
  const durationText = useDurationText();
  const { withClock } = useAvailabilityText();

  const search = useSubmit(async () => {
    const result = await sessionsApi.timeSuggestions(exchangeId, {
      durationMinutes,
      from: instantOf(from, '00:00', zone).toISOString(),
      // The end date is included: search until the midnight after it.
      to: instantOf(addDays(until, 1), '00:00', zone).toISOString(),
      limit: 10,
    });
    setAnswer(result);
    setShown(0);
    setPicked(null);
  });

  // The timeline shades declared working hours: fetch the profiles it has not seen yet.
  useEffect(() => {
    const first = suggestions?.[0];
    if (!first) return;
    const people = [...first.inside, ...first.outside]
      .filter((a) => !a.assumedHours && !hours.has(a.person.id))
      .map((a) => a.person.id);
    if (people.length === 0) return;
    let current = true;
    void Promise.all(
      people.map((id) =>
        practitionersApi.get(id).then(
          (person) => [id, person.workingHours] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((found) => {
      if (current) setHours((known) => new Map([...known, ...found]));
    });
    return () => {
      current = false;
    };
  }, [suggestions, hours]);

  const onKeyDown = (event: KeyboardEvent) => {
    // Enter in the date fields searches instead of submitting the session form around them.
    if (event.key === 'Enter') {
      event.preventDefault();
      void search.submit();
    }
  };
  const pick = (index: number) => {
    const suggestion = suggestions?.[index];
    if (!suggestion) return;
    setShown(index);
    setPicked(index);
    onPick(new Date(suggestion.startsAt), new Date(suggestion.endsAt));
  };
  const rangeTooLong = addDays(from, MAX_DAYS) < addDays(until, 1);

  return (
    <section className="find-time" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('findTime.heading')}</h2>
      <p className="muted">
        {t('findTime.intro', { duration: durationText(durationMinutes), days: MAX_DAYS })}
      </p>
      <div className="find-time__range">
        <Field label={t('findTime.from')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={from}
              min={today}
              onKeyDown={onKeyDown}
              onChange={(e) => {
                setFrom(e.target.value);
                if (e.target.value && e.target.value > until) setUntil(e.target.value);
              }}
            />
          )}
        </Field>
        <Field label={t('findTime.until')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={until}
              min={from}
              onKeyDown={onKeyDown}
              onChange={(e) => setUntil(e.target.value)}
            />
          )}
        </Field>
        <div className="find-time__go">
          <button
            type="button"
            className="button"
            onClick={() => void search.submit()}
            disabled={search.busy || !from || !until || rangeTooLong}
          >
            {t('findTime.search')}
          </button>
        </div>
      </div>
      {rangeTooLong && (
        <p className="notice notice--error" role="alert">
          {t('findTime.tooLong', { days: MAX_DAYS })}
        </p>
      )}
      <ErrorNotice error={search.error} />
      <p className="visually-hidden" role="status">
        {search.busy
          ? t('common.loading')
          : suggestions
            ? t('findTime.found', { count: suggestions.length })
            : ''}
      </p>
      {suggestions?.length === 0 && <p className="empty">{t('findTime.none')}</p>}
      {answer && suggestions && suggestions.length > 0 && (
        <div className="find-time__results">
          <div>
            <Turns fairness={answer.fairness} />
            <p className="find-time__note muted">
              {t('findTime.nightNote', { start: answer.night.start, end: answer.night.end })}
            </p>
          </div>
          <ol
            className="suggestions"
            aria-label={t('findTime.suggestions')}
            onMouseLeave={() => setShown(picked ?? 0)}
          >
            {suggestions.map((suggestion, index) => {
              const people = suggestion.inside.length + suggestion.outside.length;
              const when = timeRangeIn(
                zone,
                new Date(suggestion.startsAt),
                new Date(suggestion.endsAt),
                i18n.language,
              );
              return (
                <li key={suggestion.startsAt}>
                  <button
                    type="button"
                    className={index === shown ? 'suggestion suggestion--shown' : 'suggestion'}
                    aria-pressed={picked === index}
                    onClick={() => pick(index)}
                    onFocus={() => setShown(index)}
                    onMouseEnter={() => setShown(index)}
                    data-testid="suggestion"
                  >
                    <span className="suggestion__when">
                      {t('sessions.yourTime', { time: when })}
                    </span>
                    <span className="suggestion__fit">
                      {t('findTime.insideCount', { inside: suggestion.inside.length, people })}
                    </span>
                    {suggestion.outside.map((o) => (
                      <span
                        key={o.person.id}
                        className={
                          o.atNight
                            ? 'suggestion__outside suggestion__outside--night'
                            : 'suggestion__outside'
                        }
                      >
                        {t('findTime.personVerdict', {
                          name: o.person.displayName,
                          verdict: withClock(o),
                        })}
                      </span>
                    ))}
                  </button>
                </li>
              );
            })}
          </ol>
          <AvailabilityTimeline
            suggestion={suggestions[shown] ?? suggestions[0]!}
            hoursOf={(id) => hours.get(id)}
            myId={myId}
          />
        </div>
      )}
      {picked !== null && (
        <p className="notice notice--success" role="status">
          {t('findTime.picked')}
        </p>
      )}
    </section>
  );
}
