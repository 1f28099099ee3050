import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { ExchangeRole } from '#libs/contracts';
import { Practitioner } from '#libs/practitioners';

/** A person's role in one exchange. */
@Entity('exchange_members')
export class ExchangeMember {
  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId: string;

  @PrimaryColumn({ name: 'practitioner_id', type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, { eager: true })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Column({ type: 'varchar', length: 20 })
  role: ExchangeRole;

  @Column({ name: 'added_by_id', type: 'uuid', nullable: true })
  addedById: string | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
