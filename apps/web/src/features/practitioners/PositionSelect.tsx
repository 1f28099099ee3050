import { type NetworkRole, POSITIONS, POSITIONS_RESERVED_FOR, type Position } from '@contracts';
import { useTranslation } from 'react-i18next';
import type { ControlProps } from '../../ui/Field';

const RANK: Record<NetworkRole, number> = { member: 1, coordinator: 2, admin: 3 };

/** Positions someone with `role` may take ("coordinator" is for coordinators and admins). */
function positionsFor(role: NetworkRole | undefined): readonly Position[] {
  if (!role) return POSITIONS;
  return POSITIONS.filter((position) => {
    const reservedFor = POSITIONS_RESERVED_FOR[position];
    return !reservedFor || RANK[role] >= RANK[reservedFor];
  });
}

/** `holderRole`: offer only the positions a person with that role may take (unset: all, for filters). */
export function PositionSelect({
  value,
  onChange,
  emptyLabel,
  holderRole,
  ...control
}: ControlProps & {
  value: Position | '';
  onChange: (position: Position | '') => void;
  emptyLabel: string;
  holderRole?: NetworkRole;
}) {
  const { t } = useTranslation();
  return (
    <select
      {...control}
      value={value}
      onChange={(event) => onChange(event.target.value as Position | '')}
    >
      <option value="">{emptyLabel}</option>
      {positionsFor(holderRole).map((position) => (
        <option key={position} value={position}>
          {t(`positions.${position}`)}
        </option>
      ))}
    </select>
  );
}
