import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { SessionKind } from '#libs/contracts';
import { City } from '#libs/cities';

/** A scheduled meeting of an exchange. Times are stored in UTC with the host's time zone beside them. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'exchange_id', type: 'uuid' })
  exchangeId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: SessionKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  agenda: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'host_time_zone', type: 'varchar', length: 64 })
  hostTimeZone: string;

  @Column({ type: 'boolean', default: true })
  online: boolean;

  @Column({ name: 'venue_name', type: 'varchar', length: 200, nullable: true })
  venueName: string | null;

  @Column({ name: 'venue_city_id', type: 'uuid', nullable: true })
  venueCityId: string | null;

  @ManyToOne(() => City, { nullable: true, eager: true })
  @JoinColumn({ name: 'venue_city_id' })
  venueCity: Relation<City> | null;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: 'scheduled' | 'cancelled';

  /** Bumped on every change: the calendar entry's SEQUENCE, and how stale reminder jobs know they are stale. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  /** The last move to another time, and who made it (what changed since a member's visit). */
  @Column({ name: 'rescheduled_at', type: 'timestamptz', nullable: true })
  rescheduledAt: Date | null;

  @Column({ name: 'rescheduled_by_id', type: 'uuid', nullable: true })
  rescheduledById: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by_id', type: 'uuid', nullable: true })
  cancelledById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
