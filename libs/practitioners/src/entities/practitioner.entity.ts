import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { NetworkRole, Position, PractitionerStatus, WorkingHours } from '#libs/contracts';
import { City } from '#libs/cities';
import { Theme } from '#libs/themes';

/** A person with an account: their profile, network role and status. */
@Entity('practitioners')
export class Practitioner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null once the account is erased. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ name: 'network_role', type: 'varchar', length: 20 })
  networkRole: NetworkRole;

  @Column({ type: 'varchar', length: 20 })
  status: PractitionerStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  position: Position | null;

  @Column({ name: 'city_id', type: 'uuid', nullable: true })
  cityId: string | null;

  @ManyToOne(() => City, { nullable: true, eager: true })
  @JoinColumn({ name: 'city_id' })
  city: Relation<City> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisation: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'working_hours', type: 'jsonb', nullable: true })
  workingHours: WorkingHours | null;

  @ManyToMany(() => Theme, { eager: true })
  @JoinTable({
    name: 'practitioner_themes',
    joinColumn: { name: 'practitioner_id' },
    inverseJoinColumn: { name: 'theme_id' },
  })
  themes: Relation<Theme>[];

  @Column({ type: 'text', default: '' })
  bio: string;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
