import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Practice } from './practice.entity.js';

/** An entry's texts in one language (the original, or a translation). Markdown in long fields. */
@Entity('practice_texts')
export class PracticeText {
  @PrimaryColumn({ name: 'practice_id', type: 'uuid' })
  practiceId: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  language: string;

  @ManyToOne('Practice', 'texts', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practice_id' })
  practice: Relation<Practice>;

  @Column({ type: 'varchar', length: 200, default: '' })
  title: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  summary: string;

  @Column({ type: 'text', default: '' })
  challenge: string;

  @Column({ type: 'text', default: '' })
  approach: string;

  @Column({ type: 'text', default: '' })
  resources: string;

  @Column({ type: 'text', default: '' })
  outcomes: string;

  @Column({ type: 'text', default: '' })
  evaluation: string;

  @Column({ name: 'lessons_worked', type: 'text', default: '' })
  lessonsWorked: string;

  @Column({ name: 'lessons_did_not', type: 'text', default: '' })
  lessonsDidNot: string;

  @Column({ type: 'text', default: '' })
  transferability: string;
}
