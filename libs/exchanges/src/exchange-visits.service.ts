// A member's standing in their exchanges for the home page: their memberships with their last
// visit, and who joined since. A visit is recorded when a member opens the exchange.
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { ExchangeRole, ExchangeStatus } from '#libs/contracts';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { ExchangeVisit } from './entities/exchange-visit.entity.js';
import { Exchange } from './entities/exchange.entity.js';

export interface Membership {
  exchange: { id: string; title: string; status: ExchangeStatus };
  role: ExchangeRole;
  joinedAt: Date;
  lastVisitAt: Date | null;
}

/** An exchange, and the instant from which its changes are new to the viewer. */
export interface ChangeBaseline {
  exchangeId: string;
  since: Date;
}

/** Changes are new from the last visit, or from joining when that came later (or no visit yet). */
export function baselineOf(membership: Membership): Date {
  const { lastVisitAt, joinedAt } = membership;
  return lastVisitAt && lastVisitAt > joinedAt ? lastVisitAt : joinedAt;
}

@Injectable()
export class ExchangeVisits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ExchangeMember) private readonly members: Repository<ExchangeMember>,
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
    @InjectRepository(ExchangeVisit) private readonly visits: Repository<ExchangeVisit>,
  ) {}

  /** Now is the member's last visit to the exchange. */
  async record(practitionerId: string, exchangeId: string): Promise<void> {
    await this.visits
      .createQueryBuilder()
      .insert()
      .values({ practitionerId, exchangeId, visitedAt: () => 'now()' })
      .orUpdate(['visited_at'], ['practitioner_id', 'exchange_id'])
      .execute();
  }

  /** Every exchange the person belongs to, with their role, when they joined and last visited. */
  async membershipsOf(practitionerId: string): Promise<Membership[]> {
    const rows = await this.members.find({
      where: { practitionerId },
      select: { exchangeId: true, practitionerId: true, role: true, addedAt: true },
      loadEagerRelations: false,
    });
    if (rows.length === 0) return [];
    const ids = rows.map((m) => m.exchangeId);
    const [exchanges, visits] = await Promise.all([
      this.exchanges.find({
        where: { id: In(ids) },
        select: { id: true, title: true, status: true },
        loadEagerRelations: false,
      }),
      this.visits.findBy({ practitionerId, exchangeId: In(ids) }),
    ]);
    const byId = new Map(exchanges.map((e) => [e.id, e]));
    const visitOf = new Map(visits.map((v) => [v.exchangeId, v.visitedAt]));
    return rows
      .filter((m) => byId.has(m.exchangeId))
      .map((m) => {
        const e = byId.get(m.exchangeId)!;
        return {
          exchange: { id: e.id, title: e.title, status: e.status },
          role: m.role,
          joinedAt: m.addedAt,
          lastVisitAt: visitOf.get(m.exchangeId) ?? null,
        };
      });
  }

  /** Per exchange, how many others joined since the baseline (not counting those the viewer added). */
  async newMembersSince(
    viewerId: string,
    baselines: ChangeBaseline[],
  ): Promise<Map<string, number>> {
    if (baselines.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT m.exchange_id, count(*)::int AS n
         FROM exchange_members m
         JOIN unnest($2::uuid[], $3::timestamptz[]) AS b(exchange_id, since)
           ON b.exchange_id = m.exchange_id
        WHERE m.added_at > b.since
          AND m.practitioner_id <> $1
          AND m.added_by_id IS DISTINCT FROM $1
        GROUP BY m.exchange_id`,
      [viewerId, baselines.map((b) => b.exchangeId), baselines.map((b) => b.since)],
    )) as Array<{ exchange_id: string; n: number }>;
    return new Map(rows.map((r) => [r.exchange_id, r.n]));
  }
}
