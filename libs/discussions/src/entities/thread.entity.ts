import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ThreadKind } from '#libs/contracts';

/** A discussion in an exchange, or in the network-wide commons (exchangeId null). */
@Entity('threads')
export class Thread {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId: string | null;

  /** Who wrote the opening post. */
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** Who created the thread (a host may start one from someone else's live message). */
  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ThreadKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 35 })
  language: string;

  @Column({ name: 'first_post_id', type: 'uuid', nullable: true })
  firstPostId: string | null;

  @Column({ name: 'answer_post_id', type: 'uuid', nullable: true })
  answerPostId: string | null;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt: Date;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
