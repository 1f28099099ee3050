import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PracticeSnapshot } from '../practice-snapshot.js';

/** A published version: a snapshot of the entry as readers saw it from `publishedAt`. */
@Entity('practice_versions')
export class PracticeVersion {
  @PrimaryColumn({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: PracticeSnapshot;

  @Column({ name: 'published_by_id', type: 'uuid', nullable: true })
  publishedById: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}
