import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a member last opened an exchange's page: the home page counts changes from there. */
@Entity('exchange_visits')
export class ExchangeVisit {
  @PrimaryColumn({ name: 'practitioner_id', type: 'uuid' })
  practitionerId: string;

  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId: string;

  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;
}
