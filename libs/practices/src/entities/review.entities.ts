// The review of an entry's working copy: who reviews it, what they said per field, and the audit
// trail of every step of the workflow.
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PracticeField, PracticeStatus } from '#libs/contracts';

@Entity('practice_reviewers')
export class PracticeReviewer {
  @PrimaryColumn({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ name: 'assigned_by_id', type: 'uuid', nullable: true })
  assignedById: string | null;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ type: 'varchar', length: 20, nullable: true })
  decision: 'approved' | 'changes-requested' | null;

  /** The working copy's revision the decision was taken on: a later edit makes it stale. */
  @Column({ name: 'decision_revision', type: 'integer', nullable: true })
  decisionRevision: number | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}

@Entity('practice_comments')
export class PracticeComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'varchar', length: 40 })
  field: PracticeField;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  @Column({ type: 'varchar', length: 4000 })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('practice_events')
export class PracticeEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: PracticeStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20, nullable: true })
  toStatus: PracticeStatus | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
