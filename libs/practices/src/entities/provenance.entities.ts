// Where an entry came from, and the words it quotes (each waiting for its speaker's yes).
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProvenanceKind, QuoteStatus } from '#libs/contracts';

@Entity('practice_sources')
export class PracticeSource {
  @PrimaryColumn({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  kind: ProvenanceKind;

  @PrimaryColumn({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'added_by_id', type: 'uuid', nullable: true })
  addedById: string | null;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}

@Entity('practice_quotes')
export class PracticeQuote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @Column({ name: 'source_kind', type: 'varchar', length: 10 })
  sourceKind: ProvenanceKind;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  /** The person quoted: only they can say yes. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  /** The exchange it was said in: its members may know who said it, even under Chatham House. */
  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId: string | null;

  @Column({ name: 'chatham_house', type: 'boolean' })
  chathamHouse: boolean;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: QuoteStatus;

  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
