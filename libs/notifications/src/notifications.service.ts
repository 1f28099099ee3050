import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  type EntitySubscriberInterface,
  In,
  IsNull,
  type QueryRunner,
  Repository,
} from 'typeorm';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
} from '#libs/contracts';
import { type Actor, NotFoundError, pageBy } from '#libs/common';
import { Notification } from './entities/notification.entity.js';
import { NotificationPreference } from './entities/notification-preference.entity.js';

export interface NewNotification {
  kind: NotificationKind;
  text: string;
  data: Notification['data'];
  /** Same key for the same recipient = stored once, however often the producer runs. */
  dedupeKey?: string;
}

/** Called for each stored notification (live delivery hooks in here). */
export type NotificationListener = (notification: Notification) => void;

@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');
  private readonly listeners = new Set<NotificationListener>();
  /** Notifications stored inside a transaction, told to listeners only once it commits. */
  private readonly pending = new WeakMap<QueryRunner, Notification[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(NotificationPreference)
    private readonly preferences: Repository<NotificationPreference>,
  ) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        const stored = this.pending.get(queryRunner);
        this.pending.delete(queryRunner);
        // After the committing request has answered: a post's 200 watchers are 200 emits.
        if (stored) setImmediate(() => this.publish(stored));
      },
      afterTransactionRollback: ({ queryRunner }) => {
        this.pending.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  onCreated(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Notifies each recipient who has not switched this kind off. Pass the caller's transaction
   * manager so the notification commits with the change it reports.
   */
  async notify(
    recipientIds: string[],
    notification: NewNotification,
    manager?: EntityManager,
  ): Promise<Notification[]> {
    const unique = [...new Set(recipientIds)];
    if (unique.length === 0) return [];
    const em = manager ?? this.notifications.manager;
    // One statement however many recipients (a thread's 200 watchers): those who switched this
    // kind off are left out, and a dedupe key already stored for a recipient adds nothing.
    const rows = (await em.query(
      `INSERT INTO notifications (recipient_id, kind, text, data, dedupe_key)
       SELECT r.id, $2::varchar, $3::varchar, $4::jsonb, $5::varchar FROM unnest($1::uuid[]) WITH ORDINALITY AS r(id, n)
        WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p
                           WHERE p.practitioner_id = r.id AND p.kind = $2::varchar AND p.enabled = false)
        ORDER BY r.n
       ON CONFLICT DO NOTHING
       RETURNING id, recipient_id, created_at`,
      [
        unique,
        notification.kind,
        notification.text.slice(0, 500),
        JSON.stringify(notification.data),
        notification.dedupeKey ?? null,
      ],
    )) as Array<{ id: string; recipient_id: string; created_at: Date }>;
    const repository = em.getRepository(Notification);
    const stored = rows.map((row) =>
      repository.create({
        id: row.id,
        recipientId: row.recipient_id,
        kind: notification.kind,
        text: notification.text.slice(0, 500),
        data: notification.data,
        dedupeKey: notification.dedupeKey ?? null,
        createdAt: new Date(row.created_at),
        readAt: null,
      }),
    );
    const queryRunner = em.queryRunner;
    if (queryRunner?.isTransactionActive) {
      this.pending.set(queryRunner, [...(this.pending.get(queryRunner) ?? []), ...stored]);
    } else {
      this.publish(stored);
    }
    return stored;
  }

  private publish(stored: Notification[]): void {
    for (const n of stored) {
      for (const listener of this.listeners) {
        try {
          listener(n);
        } catch (error) {
          this.logger.error(`listener failed: ${(error as Error).message}`);
        }
      }
    }
  }

  async inbox(actor: Actor, options: { cursor?: string; limit?: number; unreadOnly?: boolean }) {
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.recipient_id = :me', { me: actor.id });
    if (options.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const page = await pageBy(
      qb,
      {
        key: 'n.created_at',
        id: 'n.id',
        direction: 'DESC',
        instant: true,
        positionOf: (n) => ({ key: n.createdAt.toISOString(), id: n.id }),
      },
      options,
      20,
    );
    return { ...page, unreadCount: await this.unreadCount(actor.id) };
  }

  /** The latest unread notifications of some kinds, and how many there are (the home page). */
  async unreadOfKinds(
    recipientId: string,
    kinds: NotificationKind[],
    limit: number,
  ): Promise<{ items: Notification[]; total: number }> {
    const where = { recipientId, readAt: IsNull(), kind: In(kinds) };
    const [items, total] = await Promise.all([
      this.notifications.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: limit }),
      this.notifications.count({ where }),
    ]);
    return { items, total };
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.notifications.count({ where: { recipientId, readAt: IsNull() } });
  }

  async markRead(actor: Actor, id: string): Promise<Notification> {
    const notification = await this.notifications.findOneBy({ id, recipientId: actor.id });
    if (!notification) throw new NotFoundError('Notification');
    if (!notification.readAt) {
      notification.readAt = new Date();
      await this.notifications.update(
        { id, recipientId: actor.id },
        { readAt: notification.readAt },
      );
    }
    return notification;
  }

  async markAllRead(actor: Actor): Promise<number> {
    const result = await this.notifications.update(
      { recipientId: actor.id, readAt: IsNull() },
      { readAt: new Date() },
    );
    return result.affected ?? 0;
  }

  async preferencesOf(practitionerId: string): Promise<NotificationPreferences> {
    const rows = await this.preferences.findBy({ practitionerId });
    const prefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, true]),
    ) as NotificationPreferences;
    for (const row of rows) prefs[row.kind] = row.enabled;
    return prefs;
  }

  async updatePreferences(
    practitionerId: string,
    enable: NotificationKind[],
    disable: NotificationKind[],
  ): Promise<NotificationPreferences> {
    const rows = [
      ...enable.map((kind) => ({ practitionerId, kind, enabled: true })),
      ...disable
        .filter((k) => !enable.includes(k))
        .map((kind) => ({ practitionerId, kind, enabled: false })),
    ];
    if (rows.length > 0) await this.preferences.upsert(rows, ['practitionerId', 'kind']);
    return this.preferencesOf(practitionerId);
  }
}
