// Working hours: shown in the person's zone with the viewer's beside it, and edited as days + times.
import type { WorkingHours } from '@contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { Field } from '../../ui/Field';
import { useViewerZone } from './viewerZone';
import { convertClock, weekdayName } from './zones';

const ISO_DAYS = [1, 2, 3, 4, 5, 6, 7];

export function WorkingHoursText({ hours, timeZone }: { hours: WorkingHours; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const days = hours.days.map((day) => weekdayName(day, locale)).join(', ');
  const viewerZone = useViewerZone();
  const start = convertClock(hours.start, timeZone, viewerZone, locale);
  const end = convertClock(hours.end, timeZone, viewerZone, locale);
  const differs = start !== null && end !== null && (start !== hours.start || end !== hours.end);
  return (
    <span>
      {t('time.workingHours', { days, start: hours.start, end: hours.end })}
      {differs && <span className="muted"> ({t('time.yourTime', { start, end })})</span>}
    </span>
  );
}

export function WorkingHoursInput({
  value,
  onChange,
  error,
}: {
  value: WorkingHours | null;
  onChange: (hours: WorkingHours | null) => void;
  error?: unknown;
}) {
  const { t, i18n } = useTranslation();
  const hours = value ?? { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  return (
    <fieldset className="field working-hours">
      <legend>{t('profile.workingHours')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(event) => onChange(event.target.checked ? hours : null)}
        />
        <span>{t('profile.workingHoursSet')}</span>
      </label>
      {value !== null && (
        <>
          <CheckboxGroup
            legend={t('profile.workingDays')}
            choices={ISO_DAYS.map((day) => ({
              value: String(day),
              label: weekdayName(day, i18n.language, 'long'),
            }))}
            selected={value.days.map(String)}
            onChange={(days) =>
              onChange({ ...value, days: days.map(Number).sort((a, b) => a - b) })
            }
          />
          <div className="field-row">
            <Field label={t('profile.workingFrom')} name="workingHours.start" error={error}>
              {(control) => (
                <input
                  {...control}
                  type="time"
                  required
                  value={value.start}
                  onChange={(event) => onChange({ ...value, start: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('profile.workingUntil')} name="workingHours.end" error={error}>
              {(control) => (
                <input
                  {...control}
                  type="time"
                  required
                  value={value.end}
                  onChange={(event) => onChange({ ...value, end: event.target.value })}
                />
              )}
            </Field>
          </div>
        </>
      )}
    </fieldset>
  );
}
