import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/src/index.js';
import { City } from '../../cities/src/index.js';
import { Exchange, ExchangeAccess } from '../../exchanges/src/index.js';
import { NotificationsService } from '../../notifications/src/index.js';
import { Practitioner } from '../../practitioners/src/index.js';
import { buildCalendar } from './calendar.js';
import type {
  ListSessionsQuery,
  ScheduleSessionDto,
  TimeSuggestionsQuery,
  UpdateSessionDto,
  VenueDto,
} from './dto/session.dto.js';
import { CalendarFeed } from './entities/calendar-feed.entity.js';
import { Session } from './entities/session.entity.js';
import { SessionReminders } from './session-reminders.service.js';
import { type RankedSlot, timeSuggestions } from './time-suggestions.js';

const MAX_SESSION_HOURS = 72;
const MAX_SUGGESTION_RANGE_DAYS = 21;

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>,
    private readonly access: ExchangeAccess,
    private readonly notifications: NotificationsService,
    private readonly reminders: SessionReminders,
  ) {}

  async list(actor: Actor, exchangeId: string, query: ListSessionsQuery): Promise<Session[]> {
    await this.access.require(actor, exchangeId, 'read-content');
    const qb = this.sessions
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.venueCity', 'city')
      .where('s.exchange_id = :exchangeId', { exchangeId })
      .orderBy('s.starts_at', 'ASC');
    if (query.from) qb.andWhere('s.ends_at > :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('s.starts_at < :to', { to: new Date(query.to) });
    return qb.getMany();
  }

  /** A session, if the actor may read its exchange's content. Missing and forbidden look alike to outsiders. */
  async get(actor: Actor, id: string): Promise<{ session: Session; exchange: Exchange }> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw new NotFoundError('Session');
    const { exchange } = await this.access.require(actor, session.exchangeId, 'read-content');
    return { session, exchange };
  }

  async schedule(actor: Actor, exchangeId: string, input: ScheduleSessionDto): Promise<Session> {
    const { exchange } = await this.access.require(actor, exchangeId, 'manage');
    const times = this.checkTimes(input.startsAt, input.endsAt);
    const online = input.online ?? true;
    const id = await this.dataSource.transaction(async (manager) => {
      const venue = await this.resolveVenue(manager, input.venue ?? null, online);
      const session = manager.create(Session, {
        exchangeId,
        kind: input.kind,
        title: input.title.trim(),
        agenda: input.agenda ?? '',
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        hostTimeZone: input.hostTimeZone,
        online,
        venueName: venue?.name ?? null,
        venueCityId: venue?.cityId ?? null,
        status: 'scheduled',
        sequence: 0,
        createdById: actor.id,
      });
      const saved = await manager.save(session);
      await this.tellMembers(
        manager,
        actor,
        exchange,
        saved,
        'session-scheduled',
        `"${saved.title}" was scheduled in "${exchange.title}".`,
      );
      return saved.id;
    });
    const saved = await this.sessions.findOneByOrFail({ id });
    await this.reminders.schedule(saved);
    return saved;
  }

  async update(actor: Actor, id: string, input: UpdateSessionDto): Promise<Session> {
    const { session, exchange } = await this.get(actor, id);
    await this.access.require(actor, session.exchangeId, 'manage');
    if (session.status === 'cancelled')
      throw new ConflictError('This session was cancelled; schedule a new one.');
    const moved = input.startsAt !== undefined || input.endsAt !== undefined;
    const times = moved
      ? this.checkTimes(
          input.startsAt ?? session.startsAt.toISOString(),
          input.endsAt ?? session.endsAt.toISOString(),
        )
      : null;
    if (!moved && session.endsAt.getTime() <= Date.now())
      throw new ConflictError('This session is over and can no longer change.');
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(Session)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id })
        .getOneOrFail();
      const online = input.online ?? locked.online;
      if (input.venue !== undefined || input.online !== undefined) {
        const venue = await this.resolveVenue(
          manager,
          input.venue === undefined
            ? locked.venueName
              ? { name: locked.venueName, cityId: locked.venueCityId ?? undefined }
              : null
            : input.venue,
          online,
        );
        locked.venueName = venue?.name ?? null;
        locked.venueCityId = venue?.cityId ?? null;
        locked.venueCity = null;
        locked.online = online;
      }
      const timesChanged =
        times !== null &&
        (times.startsAt.getTime() !== locked.startsAt.getTime() ||
          times.endsAt.getTime() !== locked.endsAt.getTime());
      if (times) {
        locked.startsAt = times.startsAt;
        locked.endsAt = times.endsAt;
      }
      if (input.kind !== undefined) locked.kind = input.kind;
      if (input.title !== undefined) locked.title = input.title.trim();
      if (input.agenda !== undefined) locked.agenda = input.agenda;
      if (input.hostTimeZone !== undefined) locked.hostTimeZone = input.hostTimeZone;
      locked.sequence += 1;
      const saved = await manager.save(locked);
      if (timesChanged) {
        await this.tellMembers(
          manager,
          actor,
          exchange,
          saved,
          'session-rescheduled',
          `"${saved.title}" in "${exchange.title}" moved to a new time.`,
        );
      }
    });
    const saved = await this.sessions.findOneByOrFail({ id });
    await this.reminders.schedule(saved);
    return saved;
  }

  async cancel(actor: Actor, id: string, reason: string | undefined): Promise<Session> {
    const { session, exchange } = await this.get(actor, id);
    await this.access.require(actor, session.exchangeId, 'manage');
    if (session.status === 'cancelled') return session;
    if (session.endsAt.getTime() <= Date.now())
      throw new ConflictError('This session is over and can no longer be cancelled.');
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Session)
        .set({ status: 'cancelled', sequence: () => 'sequence + 1' })
        .where("id = :id AND status = 'scheduled'", { id })
        .returning('*')
        .execute();
      if (!result.affected) return;
      session.status = 'cancelled';
      const text = `"${session.title}" in "${exchange.title}" was cancelled.${reason ? ` ${reason.trim()}` : ''}`;
      await this.tellMembers(
        manager,
        actor,
        exchange,
        session,
        'session-cancelled',
        text,
        reason ? { reason: reason.trim() } : {},
      );
    });
    return this.sessions.findOneByOrFail({ id });
  }

  async suggestions(
    actor: Actor,
    exchangeId: string,
    query: TimeSuggestionsQuery,
  ): Promise<{ slots: RankedSlot<Practitioner>[]; memberCount: number }> {
    await this.access.require(actor, exchangeId, 'read-content');
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to.getTime() <= from.getTime()) throw new ValidationFailedError('to: must be after from');
    if (to.getTime() - from.getTime() > MAX_SUGGESTION_RANGE_DAYS * 86_400_000) {
      throw new ValidationFailedError(
        `to: the range can span at most ${MAX_SUGGESTION_RANGE_DAYS} days`,
      );
    }
    const members = await this.access.membersOf(exchangeId);
    // Observers only listen in, so the slot is judged for the people who take part.
    const judged = members.filter((m) => m.role !== 'observer' || members.length === 1);
    const slots = timeSuggestions(
      judged.map((m) => ({
        person: m.practitioner,
        timeZone: m.practitioner.timeZone,
        workingHours: m.practitioner.workingHours,
      })),
      {
        from,
        to,
        durationMinutes: query.durationMinutes,
        limit: query.limit ?? 10,
        notBefore: new Date(),
      },
    );
    return { slots, memberCount: judged.length };
  }

  /** `baseUrl`: where the person reached the app (links in the file point back there). */
  async sessionCalendar(actor: Actor, id: string, baseUrl: string): Promise<string> {
    const { session, exchange } = await this.get(actor, id);
    return buildCalendar(session.title, [
      { session, exchangeTitle: exchange.title, url: this.sessionUrl(session, baseUrl) },
    ]);
  }

  /** The member's feed link, created on first ask. */
  async feedOf(actor: Actor): Promise<CalendarFeed> {
    const existing = await this.feeds.findOneBy({ practitionerId: actor.id });
    if (existing) return existing;
    await this.feeds
      .createQueryBuilder()
      .insert()
      .values({ practitionerId: actor.id, token: newFeedToken() })
      .orIgnore()
      .execute();
    return this.feeds.findOneByOrFail({ practitionerId: actor.id });
  }

  /** A new secret link; the old one stops working at once. */
  async rotateFeed(actor: Actor): Promise<CalendarFeed> {
    await this.feeds.upsert(
      { practitionerId: actor.id, token: newFeedToken(), createdAt: new Date() },
      ['practitionerId'],
    );
    return this.feeds.findOneByOrFail({ practitionerId: actor.id });
  }

  /** The subscription feed: every session of every exchange the member belongs to, from 30 days back. */
  async feedCalendar(token: string, baseUrl: string): Promise<string> {
    const feed = await this.feeds.findOneBy({ token });
    if (!feed) throw new NotFoundError('Calendar feed');
    const owner = await this.dataSource
      .getRepository(Practitioner)
      .findOne({ where: { id: feed.practitionerId }, loadEagerRelations: false });
    if (!owner || owner.status !== 'active') throw new NotFoundError('Calendar feed');
    const sessions = await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.venueCity', 'city')
      .innerJoin(
        'exchange_members',
        'm',
        'm.exchange_id = s.exchange_id AND m.practitioner_id = :me',
        { me: feed.practitionerId },
      )
      .where('s.ends_at > :since', { since: DateTime.now().minus({ days: 30 }).toJSDate() })
      .orderBy('s.starts_at')
      .getMany();
    const exchanges = await this.dataSource.getRepository(Exchange).find({
      where: { id: In([...new Set(sessions.map((s) => s.exchangeId))]) },
      loadEagerRelations: false,
    });
    const titles = new Map(exchanges.map((e) => [e.id, e.title]));
    return buildCalendar(
      'Crossings sessions',
      sessions.map((session) => ({
        session,
        exchangeTitle: titles.get(session.exchangeId) ?? '',
        url: this.sessionUrl(session, baseUrl),
      })),
      'publish',
    );
  }

  feedUrl(feed: CalendarFeed, baseUrl: string): string {
    return `${baseUrl}/api/calendar/${feed.token}.ics`;
  }

  private sessionUrl(session: Session, baseUrl: string): string {
    return `${baseUrl}/exchanges/${session.exchangeId}/sessions/${session.id}`;
  }

  private checkTimes(startsAtIso: string, endsAtIso: string): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(startsAtIso);
    const endsAt = new Date(endsAtIso);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
      throw new ValidationFailedError('startsAt/endsAt: not a valid instant');
    if (endsAt.getTime() <= startsAt.getTime())
      throw new ValidationFailedError('endsAt: must be after startsAt');
    if (startsAt.getTime() <= Date.now())
      throw new ValidationFailedError('startsAt: a session cannot start in the past');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
      throw new ValidationFailedError(`endsAt: a session lasts at most ${MAX_SESSION_HOURS} hours`);
    }
    return { startsAt, endsAt };
  }

  private async resolveVenue(
    manager: EntityManager,
    venue: VenueDto | null,
    online: boolean,
  ): Promise<VenueDto | null> {
    if (!venue) {
      if (!online)
        throw new ValidationFailedError('venue: a session that is not online needs a venue');
      return null;
    }
    if (venue.cityId) {
      const city = await manager.findOneBy(City, { id: venue.cityId });
      if (!city) throw new ValidationFailedError('venue.cityId: no such city in the network');
    }
    return { name: venue.name.trim(), cityId: venue.cityId };
  }

  /** Tells every member of the exchange but the one who made the change. */
  private async tellMembers(
    manager: EntityManager,
    actor: Actor,
    exchange: Exchange,
    session: Session,
    kind: 'session-scheduled' | 'session-rescheduled' | 'session-cancelled',
    text: string,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const recipients = (await this.access.memberIds(exchange.id, manager)).filter(
      (id) => id !== actor.id,
    );
    await this.notifications.notify(
      recipients,
      {
        kind,
        text,
        data: {
          exchangeId: exchange.id,
          exchangeTitle: exchange.title,
          sessionId: session.id,
          sessionTitle: session.title,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          hostTimeZone: session.hostTimeZone,
          sequence: session.sequence,
          ...extra,
        },
      },
      manager,
    );
  }
}

function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}
