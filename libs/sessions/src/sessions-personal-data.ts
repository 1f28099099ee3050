// What sessions keep about a person: their calendar subscription (a secret feed: erased) and the
// sessions they scheduled, moved or cancelled as a host (kept: the ids name no one once erased).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalData } from '#libs/common';
import { CalendarFeed } from './entities/calendar-feed.entity.js';

@Injectable()
export class SessionsPersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'calendarFeed',
      columns: ['calendar_feeds.practitioner_id'],
      export: async (id, manager) => {
        const feed = await manager.findOne(CalendarFeed, { where: { practitionerId: id } });
        // The secret itself is not repeated in an export that may travel by e-mail.
        return feed ? { createdAt: feed.createdAt.toISOString() } : null;
      },
      erase: async (id, manager) => {
        await manager.delete(CalendarFeed, { practitionerId: id });
      },
    });
    this.personalData.register({
      name: 'sessionsScheduled',
      columns: ['sessions.created_by_id', 'sessions.rescheduled_by_id', 'sessions.cancelled_by_id'],
      export: async (id, manager) =>
        (
          (await manager.query(
            `SELECT id, exchange_id, title,
                    created_by_id = $1 AS scheduled, rescheduled_by_id = $1 AS moved,
                    cancelled_by_id = $1 AS cancelled
               FROM sessions
              WHERE created_by_id = $1 OR rescheduled_by_id = $1 OR cancelled_by_id = $1
              ORDER BY starts_at`,
            [id],
          )) as Array<{
            id: string;
            exchange_id: string;
            title: string;
            scheduled: boolean;
            moved: boolean;
            cancelled: boolean;
          }>
        ).map((s) => ({
          sessionId: s.id,
          exchangeId: s.exchange_id,
          title: s.title,
          scheduled: s.scheduled,
          moved: s.moved,
          cancelled: s.cancelled,
        })),
      erase: async () => undefined,
    });
  }
}
