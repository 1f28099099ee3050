import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlaggableSubjectType, FlagReason, QueueDecision } from '#libs/contracts';

/** A member's report on an item, open until a moderator's decision closes it. */
@Entity('flags')
export class Flag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 20 })
  subjectType: FlaggableSubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** Where the item lived when it was reported; null for network-wide content. */
  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId: string | null;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @Column({ type: 'varchar', length: 30 })
  reason: FlagReason;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  text: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  resolution: QueueDecision | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;
}
