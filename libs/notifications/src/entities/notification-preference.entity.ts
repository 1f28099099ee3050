import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationKind } from '#libs/contracts';

/** A member's choice for one kind of notification; no row means the kind is on. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'practitioner_id', type: 'uuid' })
  practitionerId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ type: 'boolean' })
  enabled: boolean;
}
