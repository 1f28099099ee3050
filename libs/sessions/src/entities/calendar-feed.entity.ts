import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A member's secret calendar subscription. The token is kept as is (not hashed) so the member
 * can see their link again; it grants read access to session times only, and can be rotated.
 */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryColumn({ name: 'practitioner_id', type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  token: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
