import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ThemeTranslations } from '#libs/contracts';

/** A word of the controlled vocabulary shared by exchanges, threads, practices and profiles. */
@Entity('themes')
export class Theme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  label: string;

  /** The label in the web client's other languages (fr, nl, de), where given. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  translations: ThemeTranslations;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
