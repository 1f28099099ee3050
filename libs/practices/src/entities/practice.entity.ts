import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type {
  EvidenceLevel,
  PracticeScale,
  PracticeStatus,
  PracticeVisibility,
  TargetGroup,
} from '#libs/contracts';
import { City } from '#libs/cities';
import { Theme } from '#libs/themes';
import { PracticeText } from './practice-text.entity.js';

/**
 * A library entry. Its columns are the working copy (what its author edits and reviewers
 * review); what readers see is the published version (`currentVersion`, a snapshot), with the
 * visibility and exchange it was published under.
 */
@Entity('practices')
export class Practice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Given at first publication and never changed: the public address /practices/:slug. */
  @Column({ type: 'varchar', length: 90, nullable: true })
  slug: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: PracticeStatus;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId: string | null;

  @Column({ type: 'varchar', length: 10 })
  visibility: PracticeVisibility;

  @Column({ name: 'original_language', type: 'varchar', length: 8 })
  originalLanguage: string;

  @Column({ name: 'target_groups', type: 'text', array: true, default: () => "'{}'" })
  targetGroups: TargetGroup[];

  @ManyToMany(() => Theme, { eager: true })
  @JoinTable({
    name: 'practice_themes',
    joinColumn: { name: 'practice_id' },
    inverseJoinColumn: { name: 'theme_id' },
  })
  themes: Relation<Theme>[];

  @ManyToMany(() => City, { eager: true })
  @JoinTable({
    name: 'practice_cities',
    joinColumn: { name: 'practice_id' },
    inverseJoinColumn: { name: 'city_id' },
  })
  cities: Relation<City>[];

  @OneToMany(() => PracticeText, (text) => text.practice, { eager: true })
  texts: Relation<PracticeText>[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  scale: PracticeScale | null;

  @Column({ name: 'period_start', type: 'varchar', length: 7, nullable: true })
  periodStart: string | null;

  @Column({ name: 'period_end', type: 'varchar', length: 7, nullable: true })
  periodEnd: string | null;

  @Column({ name: 'evidence_level', type: 'varchar', length: 30, nullable: true })
  evidenceLevel: EvidenceLevel | null;

  @Column({ name: 'evaluation_url', type: 'varchar', length: 500, nullable: true })
  evaluationUrl: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 200, default: '' })
  contactName: string;

  @Column({ name: 'contact_organisation', type: 'varchar', length: 200, default: '' })
  contactOrganisation: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, default: '' })
  contactEmail: string;

  /** Increases with every change to the working copy. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** The published version readers see; null until the first publication. */
  @Column({ name: 'current_version', type: 'integer', nullable: true })
  currentVersion: number | null;

  @Column({ name: 'published_visibility', type: 'varchar', length: 10, nullable: true })
  publishedVisibility: PracticeVisibility | null;

  @Column({ name: 'published_exchange_id', type: 'uuid', nullable: true })
  publishedExchangeId: string | null;

  @Column({ name: 'first_published_at', type: 'timestamptz', nullable: true })
  firstPublishedAt: Date | null;

  @Column({ name: 'last_published_at', type: 'timestamptz', nullable: true })
  lastPublishedAt: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_by_id', type: 'uuid', nullable: true })
  hiddenById: string | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 500, nullable: true })
  hiddenReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
