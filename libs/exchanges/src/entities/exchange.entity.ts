import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { AttributionRule, ExchangeStatus } from '#libs/contracts';
import { City } from '#libs/cities';
import { Theme } from '#libs/themes';

/** A structured programme between cities. */
@Entity('exchanges')
export class Exchange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 20 })
  status: ExchangeStatus;

  @Column({ type: 'varchar', length: 20 })
  attribution: AttributionRule;

  @ManyToMany(() => Theme, { eager: true })
  @JoinTable({
    name: 'exchange_themes',
    joinColumn: { name: 'exchange_id' },
    inverseJoinColumn: { name: 'theme_id' },
  })
  themes: Relation<Theme>[];

  @ManyToMany(() => City, { eager: true })
  @JoinTable({
    name: 'exchange_cities',
    joinColumn: { name: 'exchange_id' },
    inverseJoinColumn: { name: 'city_id' },
  })
  cities: Relation<City>[];

  /** When it first became active or concluded; from then on its attribution rule is fixed. */
  @Column({ name: 'left_planned_at', type: 'timestamptz', nullable: true })
  leftPlannedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
