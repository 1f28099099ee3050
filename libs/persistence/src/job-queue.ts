// Durable background jobs in PostgreSQL (pg-boss): no extra service, survives restarts.
// pg-boss keeps its own tables in the `pgboss` schema, which it creates and upgrades itself.
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';

export type JobHandler<T> = (data: T) => Promise<void>;

interface Registration {
  queue: string;
  handler: JobHandler<never>;
}

/** A stable job id from a key, so enqueuing the same job twice stores it once. */
export function jobIdFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly registrations: Registration[] = [];
  private readonly schedules: Array<{ queue: string; cron: string }> = [];
  private started: Promise<void> | null = null;

  constructor(
    databaseUrl: string,
    private readonly pollingIntervalSeconds = 1,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'crossings-jobs',
    });
    this.boss.on('error', (error: Error & { code?: string }) => {
      // 57P01: the server is stopping or restarting; pg-boss reconnects, as the API's pool does.
      if (error.code === '57P01') this.logger.warn(`pg-boss: ${error.message}`);
      else this.logger.error(`pg-boss: ${error.message}`);
    });
  }

  /** Registers a worker; call from a module's constructor or onModuleInit. */
  work<T>(queue: string, handler: JobHandler<T>): void {
    this.registrations.push({ queue, handler: handler as JobHandler<never> });
  }

  /**
   * Puts a job on `queue` at every tick of `cron` (UTC, minute precision), once across all API
   * nodes; the queue's worker (`work`) does the job. Call from a module's constructor.
   */
  every(queue: string, cron: string): void {
    this.schedules.push({ queue, cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      for (const { queue, handler } of this.registrations) {
        await this.createQueue(queue);
        await this.boss.work<never>(
          queue,
          { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 5 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data);
          },
        );
      }
      for (const { queue, cron } of this.schedules) {
        if (!this.registrations.some((r) => r.queue === queue)) await this.createQueue(queue);
        await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
      }
    })();
    return this.started;
  }

  /**
   * API nodes that start together create the same queues at once, and PostgreSQL may end one
   * creation as a deadlock victim (pg-boss attaches a partition per queue): try it again.
   */
  private async createQueue(queue: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.boss.createQueue(queue);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
      }
    }
  }

  async send<T extends object>(
    queue: string,
    data: T,
    options: { startAfter?: Date; key: string },
  ): Promise<void> {
    await this.start();
    await this.boss.send(queue, data, {
      id: jobIdFor(options.key),
      startAfter: options.startAfter,
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss
      .stop({ graceful: true, wait: true, timeout: 5000 })
      .catch((e: Error) => this.logger.warn(e.message));
  }
}
