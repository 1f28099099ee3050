import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlProps } from '../../ui/Field';
import { timeZoneOptions, zoneName } from './zones';

/** Every zone, named by its city and its name in the reader's language ("Brüssel · Mitteleuropäische Zeit"). */
export function TimeZoneSelect({
  value,
  onChange,
  ...control
}: ControlProps & { value: string; onChange: (zone: string) => void }) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const options = useMemo(() => {
    const known = timeZoneOptions(locale);
    return value && !known.some((option) => option.zone === value)
      ? [{ zone: value, label: zoneName(value, locale) }, ...known]
      : known;
  }, [value, locale]);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)} required>
      {options.map((option) => (
        <option key={option.zone} value={option.zone}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
