// A quoted person's yes or no. Only they decide; they may change their mind (a withdrawn yes
// takes the quote out of every published version at once: readers only see accepted quotes).
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { QuoteRequestView } from '#libs/contracts';
import { type Actor, NotFoundError } from '#libs/common';
import { NotificationsService } from '#libs/notifications';
import { Practitioner, presentPerson } from '#libs/practitioners';
import { Practice } from './entities/practice.entity.js';
import { PracticeQuote } from './entities/provenance.entities.js';
import { PracticeLookups } from './practice-lookups.js';
import { presentQuote } from './practice.presenter.js';
import { titleOf } from './practices.service.js';

@Injectable()
export class QuoteConsents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PracticeQuote) private readonly quotes: Repository<PracticeQuote>,
    @InjectRepository(Practice) private readonly practices: Repository<Practice>,
    private readonly lookups: PracticeLookups,
    private readonly notifications: NotificationsService,
  ) {}

  /** Requests waiting for the actor's answer, oldest first. */
  async pendingFor(
    actor: Actor,
    limit = 50,
  ): Promise<{ items: QuoteRequestView[]; total: number }> {
    const [rows, total] = await this.quotes.findAndCount({
      where: { personId: actor.id, status: 'pending' },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
    return { items: await this.present(rows), total };
  }

  /** Every request to quote the actor, answered or not (their own words, their decision). */
  async allFor(actor: Actor): Promise<QuoteRequestView[]> {
    const rows = await this.quotes.find({
      where: { personId: actor.id },
      order: { requestedAt: 'DESC' },
      take: 200,
    });
    return this.present(rows);
  }

  async decide(actor: Actor, quoteId: string, accept: boolean): Promise<QuoteRequestView> {
    await this.dataSource.transaction(async (manager) => {
      const [quote] = (await manager.query(
        'SELECT id, status FROM practice_quotes WHERE id = $1 AND person_id = $2 FOR UPDATE',
        [quoteId, actor.id],
      )) as Array<{ id: string; status: string }>;
      // Someone else's quote looks like a missing one.
      if (!quote) throw new NotFoundError('Quote');
      const status = accept ? 'accepted' : 'declined';
      if (quote.status === status) return;
      await manager.update(PracticeQuote, { id: quoteId }, { status, decidedAt: new Date() });
      const row = await manager.findOneByOrFail(PracticeQuote, { id: quoteId });
      const practice = await manager.findOneOrFail(Practice, { where: { id: row.practiceId } });
      const person = await manager.findOneOrFail(Practitioner, { where: { id: actor.id } });
      const recipients = [practice.authorId, row.requestedById].filter(
        (id): id is string => id !== null && id !== actor.id,
      );
      // The author knows whom they asked: naming them back is no leak.
      await this.notifications.notify(
        recipients,
        {
          kind: 'practice-quote-decided',
          text: `${person.displayName} ${accept ? 'agreed to' : 'declined'} being quoted in "${titleOf(practice)}".`,
          data: {
            practiceId: practice.id,
            practiceTitle: titleOf(practice),
            quoteId,
            accepted: accept,
            personName: person.displayName,
          },
        },
        manager,
      );
    });
    const [view] = await this.present([await this.quotes.findOneByOrFail({ id: quoteId })]);
    return view!;
  }

  private async present(rows: PracticeQuote[]): Promise<QuoteRequestView[]> {
    if (rows.length === 0) return [];
    const practices = await this.practices.find({
      where: { id: In([...new Set(rows.map((r) => r.practiceId))]) },
    });
    const byId = new Map(practices.map((p) => [p.id, p]));
    const people = await this.lookups.people([
      ...rows.map((r) => r.personId),
      ...rows.map((r) => r.requestedById),
    ]);
    return rows.flatMap((quote) => {
      const practice = byId.get(quote.practiceId);
      const requester = quote.requestedById ? people.get(quote.requestedById) : undefined;
      if (!practice || !requester) return [];
      return [
        {
          // The quoted person always sees their own name.
          quote: presentQuote(quote, people.get(quote.personId) ?? null, true),
          practice: { id: practice.id, title: titleOf(practice), status: practice.status },
          requestedBy: presentPerson(requester),
        },
      ];
    });
  }
}
