import { useMemo } from 'react';
import type { ControlProps } from '../../ui/Field';
import { allTimeZones, zoneLabel } from './zones';

export function TimeZoneSelect({
  value,
  onChange,
  ...control
}: ControlProps & { value: string; onChange: (zone: string) => void }) {
  const zones = useMemo(() => {
    const known = allTimeZones();
    return value && !known.includes(value) ? [value, ...known] : known;
  }, [value]);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)} required>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zoneLabel(zone)}
        </option>
      ))}
    </select>
  );
}
