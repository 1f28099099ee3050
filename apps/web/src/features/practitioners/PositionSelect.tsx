import { POSITIONS, type Position } from '@contracts';
import { useTranslation } from 'react-i18next';
import type { ControlProps } from '../../ui/Field';

export function PositionSelect({
  value,
  onChange,
  emptyLabel,
  ...control
}: ControlProps & {
  value: Position | '';
  onChange: (position: Position | '') => void;
  emptyLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      {...control}
      value={value}
      onChange={(event) => onChange(event.target.value as Position | '')}
    >
      <option value="">{emptyLabel}</option>
      {POSITIONS.map((position) => (
        <option key={position} value={position}>
          {t(`positions.${position}`)}
        </option>
      ))}
    </select>
  );
}
