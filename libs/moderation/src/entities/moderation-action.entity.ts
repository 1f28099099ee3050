import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ModerationAction, ModerationSubjectType } from '#libs/contracts';

/** One line of the audit log, written in the same transaction as the action it records. */
@Entity('moderation_actions')
export class ModerationActionEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The exchange it happened in; null for network-wide actions (an account's suspension). */
  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId: string | null;

  @Column({ name: 'subject_type', type: 'varchar', length: 20 })
  subjectType: ModerationSubjectType;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: ModerationAction;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** The person the action concerns (the author, the muted member, the suspended account). */
  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, string | number | boolean | null>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
