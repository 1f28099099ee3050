import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, LessThan, MoreThan, Repository } from 'typeorm';
import { type Actor, ConflictError, NotFoundError, ValidationFailedError } from '#libs/common';
import type { Region } from '#libs/contracts';
import { City } from '#libs/cities';
import { type ChangeBaseline, Exchange, ExchangeAccess } from '#libs/exchanges';
import { NotificationsService } from '#libs/notifications';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { Practitioner } from '#libs/practitioners';
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
import {
  type NightWindow,
  type RankedSlot,
  stretchedSide,
  timeSuggestions,
} from './time-suggestions.js';

const MAX_SESSION_HOURS = 72;

/** What others did to an exchange's sessions since a member's baseline (see the home page). */
export interface SessionChanges {
  newSessions: number;
  rescheduledSessions: number;
  cancelledSessions: number;
}
const MAX_SUGGESTION_RANGE_DAYS = 21;

export interface TimeSuggestionsResult {
  slots: RankedSlot<Practitioner>[];
  memberCount: number;
  night: NightWindow;
  /** Null when the exchange had no session before the searched range. */
  fairness: {
    lastSession: Session;
    stretched: { kind: 'region'; region: Region } | { kind: 'person'; person: Practitioner } | null;
  } | null;
}

@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const times = this.checkTimes(
      input.startsAt ?? session.startsAt.toISOString(),
      input.endsAt ?? session.endsAt.toISOString(),
      session,
    );
    if (session.endsAt.getTime() <= Date.now() && !times.startChanged)
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
        times.startsAt.getTime() !== locked.startsAt.getTime() ||
        times.endsAt.getTime() !== locked.endsAt.getTime();
      locked.startsAt = times.startsAt;
      locked.endsAt = times.endsAt;
      if (timesChanged) {
        locked.rescheduledAt = new Date();
        locked.rescheduledById = actor.id;
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
        .set({
          status: 'cancelled',
          sequence: () => 'sequence + 1',
          cancelledAt: () => 'now()',
          cancelledById: actor.id,
        })
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
  ): Promise<TimeSuggestionsResult> {
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
    const judged = members
      .filter((m) => m.role !== 'observer' || members.length === 1)
      .map((m) => ({
        person: m.practitioner,
        timeZone: m.practitioner.timeZone,
        workingHours: m.practitioner.workingHours,
      }));
    const night = {
      start: this.config.SCHEDULING_NIGHT_START,
      end: this.config.SCHEDULING_NIGHT_END,
    };
    // Taking turns: the side stretched most at the session before the searched range is spared
    // among otherwise equal slots this time.
    const lastSession = await this.sessions.findOne({
      where: { exchangeId, status: 'scheduled', startsAt: LessThan(from) },
      order: { startsAt: 'DESC' },
      loadEagerRelations: false,
    });
    const stretched = lastSession ? stretchedSide(judged, sideOf, lastSession, night) : null;
    const slots = timeSuggestions(judged, {
      from,
      to,
      durationMinutes: query.durationMinutes,
      limit: query.limit ?? 10,
      notBefore: new Date(),
      night,
      spare: stretched ? (person) => sideOf(person) === stretched : undefined,
    });
    return {
      slots,
      memberCount: judged.length,
      night,
      fairness: lastSession
        ? {
            lastSession,
            stretched: stretched
              ? stretched.startsWith('region:')
                ? { kind: 'region', region: stretched.slice('region:'.length) as Region }
                : {
                    kind: 'person',
                    person: judged.find((m) => sideOf(m.person) === stretched)!.person,
                  }
              : null,
          }
        : null,
    };
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

  /** The next sessions (in progress or to come, not cancelled) of these exchanges, soonest first. */
  upcomingIn(exchangeIds: string[], now: Date, limit: number): Promise<Session[]> {
    if (exchangeIds.length === 0) return Promise.resolve([]);
    return this.sessions.find({
      where: { exchangeId: In(exchangeIds), status: 'scheduled', endsAt: MoreThan(now) },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Per exchange, the sessions others scheduled, moved or cancelled since the baseline. A session
   * someone else scheduled since counts once, as new, whatever happened to it next (and not at
   * all once cancelled: the member never saw it).
   */
  async changesSince(
    viewerId: string,
    baselines: ChangeBaseline[],
  ): Promise<Map<string, SessionChanges>> {
    if (baselines.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `WITH s AS (
         SELECT s.exchange_id, s.status, s.rescheduled_at, s.rescheduled_by_id,
                s.cancelled_at, s.cancelled_by_id, b.since,
                (s.created_at > b.since AND s.created_by_id IS DISTINCT FROM $1) AS new_by_others
           FROM sessions s
           JOIN unnest($2::uuid[], $3::timestamptz[]) AS b(exchange_id, since)
             ON b.exchange_id = s.exchange_id
          WHERE s.created_at > b.since OR s.rescheduled_at > b.since OR s.cancelled_at > b.since)
       SELECT exchange_id,
              count(*) FILTER (WHERE new_by_others AND status = 'scheduled')::int AS new_sessions,
              count(*) FILTER (WHERE NOT new_by_others AND status = 'scheduled'
                                 AND rescheduled_at > since
                                 AND rescheduled_by_id IS DISTINCT FROM $1)::int AS rescheduled,
              count(*) FILTER (WHERE NOT new_by_others AND status = 'cancelled'
                                 AND cancelled_at > since
                                 AND cancelled_by_id IS DISTINCT FROM $1)::int AS cancelled
         FROM s GROUP BY exchange_id`,
      [viewerId, baselines.map((b) => b.exchangeId), baselines.map((b) => b.since)],
    )) as Array<{
      exchange_id: string;
      new_sessions: number;
      rescheduled: number;
      cancelled: number;
    }>;
    return new Map(
      rows.map((r) => [
        r.exchange_id,
        {
          newSessions: r.new_sessions,
          rescheduledSessions: r.rescheduled,
          cancelledSessions: r.cancelled,
        },
      ]),
    );
  }

  /** Per exchange, the start of its next session (not ended, not cancelled) and of its last one. */
  async timelineOf(
    exchangeIds: string[],
    now: Date,
  ): Promise<Map<string, { next: Date | null; last: Date | null }>> {
    if (exchangeIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT exchange_id,
              min(starts_at) FILTER (WHERE ends_at > $2) AS next,
              max(starts_at) FILTER (WHERE starts_at <= $2) AS last
         FROM sessions
        WHERE exchange_id = ANY($1) AND status = 'scheduled'
        GROUP BY exchange_id`,
      [exchangeIds, now],
    )) as Array<{ exchange_id: string; next: Date | null; last: Date | null }>;
    return new Map(rows.map((r) => [r.exchange_id, { next: r.next, last: r.last }]));
  }

  feedUrl(feed: CalendarFeed, baseUrl: string): string {
    return `${baseUrl}/api/calendar/${feed.token}.ics`;
  }

  private sessionUrl(session: Session, baseUrl: string): string {
    return `${baseUrl}/exchanges/${session.exchangeId}/sessions/${session.id}`;
  }

  /**
   * Valid times for a new session, or for an edit of `current`. Only a start or end that changes
   * is checked against the clock, so a session under way can still run longer.
   */
  private checkTimes(
    startsAtIso: string,
    endsAtIso: string,
    current?: Pick<Session, 'startsAt' | 'endsAt'>,
  ): { startsAt: Date; endsAt: Date; startChanged: boolean } {
    const startsAt = new Date(startsAtIso);
    const endsAt = new Date(endsAtIso);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
      throw new ValidationFailedError('startsAt/endsAt: not a valid instant');
    if (endsAt.getTime() <= startsAt.getTime())
      throw new ValidationFailedError('endsAt: must be after startsAt');
    const startChanged = startsAt.getTime() !== current?.startsAt.getTime();
    const endChanged = endsAt.getTime() !== current?.endsAt.getTime();
    if (startChanged && startsAt.getTime() <= Date.now())
      throw new ValidationFailedError('startsAt: a session cannot start in the past');
    if (endChanged && endsAt.getTime() <= Date.now())
      throw new ValidationFailedError('endsAt: a session cannot end in the past');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
      throw new ValidationFailedError(`endsAt: a session lasts at most ${MAX_SESSION_HOURS} hours`);
    }
    return { startsAt, endsAt, startChanged };
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

/** The side a member takes turns with: their city's region, or themselves without a city. */
function sideOf(person: Practitioner): string {
  return person.city ? `region:${person.city.region}` : `person:${person.id}`;
}

function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}
