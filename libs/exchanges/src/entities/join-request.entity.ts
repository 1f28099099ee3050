import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { JoinRequestStatus } from '#libs/contracts';
import { Practitioner } from '#libs/practitioners';

/** A member's request to join an exchange, decided by its hosts or a coordinator. */
@Entity('join_requests')
export class JoinRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'exchange_id', type: 'uuid' })
  exchangeId: string;

  @Column({ name: 'practitioner_id', type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, { eager: true })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Column({ type: 'varchar', length: 1000, default: '' })
  message: string;

  @Column({ type: 'varchar', length: 20 })
  status: JoinRequestStatus;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
