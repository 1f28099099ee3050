// SessionReminderJob: each member hears of a session 24 hours and 15 minutes before it starts.
// Jobs live in PostgreSQL (pg-boss), so they fire at the right moment even after a restart.
// A job carries the session's sequence: if the session changed or was cancelled since, the job
// is stale and does nothing (the change enqueued fresh ones). Notifications are deduplicated,
// so a job that runs twice still reminds once.
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { MoreThan, Repository } from 'typeorm';
import { ExchangeAccess, Exchange } from '#libs/exchanges';
import { NotificationsService } from '#libs/notifications';
import { JobQueue } from '#libs/persistence';
import { Session } from './entities/session.entity.js';

export const REMINDER_OFFSETS_MINUTES = [24 * 60, 15];
const QUEUE = 'session-reminder';

interface SessionReminderJob {
  sessionId: string;
  offsetMinutes: number;
  sequence: number;
}

@Injectable()
export class SessionReminders implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionReminders');

  constructor(
    private readonly jobs: JobQueue,
    private readonly access: ExchangeAccess,
    private readonly notifications: NotificationsService,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
  ) {
    this.jobs.work<SessionReminderJob>(QUEUE, (job) => this.remind(job));
  }

  /** Re-enqueues reminders of every upcoming session; idempotent (stable job ids). */
  async onApplicationBootstrap(): Promise<void> {
    const upcoming = await this.sessions.find({
      where: { status: 'scheduled', startsAt: MoreThan(new Date()) },
      loadEagerRelations: false,
    });
    for (const session of upcoming) await this.schedule(session);
  }

  /** Enqueues the reminders whose moment comes after the session's last change. */
  async schedule(session: Session): Promise<void> {
    if (session.status !== 'scheduled') return;
    for (const offsetMinutes of REMINDER_OFFSETS_MINUTES) {
      const moment = new Date(session.startsAt.getTime() - offsetMinutes * 60_000);
      if (moment.getTime() <= session.updatedAt.getTime()) continue;
      await this.jobs.send<SessionReminderJob>(
        QUEUE,
        { sessionId: session.id, offsetMinutes, sequence: session.sequence },
        { startAfter: moment, key: `${QUEUE}:${session.id}:${offsetMinutes}:${session.sequence}` },
      );
    }
  }

  async remind(job: SessionReminderJob): Promise<void> {
    const session = await this.sessions.findOne({
      where: { id: job.sessionId },
      loadEagerRelations: false,
    });
    if (!session || session.status !== 'scheduled' || session.sequence !== job.sequence) return;
    if (session.startsAt.getTime() <= Date.now()) return; // too late to remind
    const exchange = await this.exchanges.findOne({
      where: { id: session.exchangeId },
      loadEagerRelations: false,
    });
    if (!exchange) return;
    const when =
      job.offsetMinutes >= 60
        ? `in ${Math.round(job.offsetMinutes / 60)} hours`
        : `in ${job.offsetMinutes} minutes`;
    const stored = await this.notifications.notify(
      await this.access.memberIds(session.exchangeId),
      {
        kind: 'session-reminder',
        text: `"${session.title}" (${exchange.title}) starts ${when}.`,
        data: {
          exchangeId: exchange.id,
          exchangeTitle: exchange.title,
          sessionId: session.id,
          sessionTitle: session.title,
          startsAt: session.startsAt.toISOString(),
          hostTimeZone: session.hostTimeZone,
          offsetMinutes: job.offsetMinutes,
          hostLocalStart: DateTime.fromJSDate(session.startsAt, {
            zone: session.hostTimeZone,
          }).toFormat("yyyy-MM-dd'T'HH:mm"),
        },
        dedupeKey: `reminder:${session.id}:${job.offsetMinutes}:${session.sequence}`,
      },
    );
    this.logger.debug(
      `reminded ${stored.length} members of session ${session.id} (${job.offsetMinutes} min)`,
    );
  }
}
