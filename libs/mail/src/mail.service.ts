// MailService: the one way the platform sends e-mail. A message is written to the outbox in
// the caller's transaction and delivered by a pg-boss job after commit, so a slow or absent
// SMTP server never holds up a request, a failed delivery is retried with back-off, and a
// rolled-back change sends nothing.
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  type EntitySubscriberInterface,
  LessThan,
  type QueryRunner,
  Repository,
} from 'typeorm';
import { JobQueue } from '#libs/persistence';
import { OutgoingMail } from './entities/outgoing-mail.entity.js';
import { FolderTransport, type MailMessage, type MailTransport } from './mail-transport.js';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
const QUEUE = 'mail-delivery';

interface MailDeliveryJob {
  id: string;
}

@Injectable()
export class MailService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  /** Messages written inside a transaction, queued only once it commits. */
  private readonly pending = new WeakMap<QueryRunner, string[]>();

  constructor(
    private readonly jobs: JobQueue,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OutgoingMail) private readonly outbox: Repository<OutgoingMail>,
  ) {
    this.jobs.work<MailDeliveryJob>(QUEUE, (job) => this.deliver(job.id));
  }

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        const ids = this.pending.get(queryRunner);
        this.pending.delete(queryRunner);
        if (ids) void this.enqueue(ids);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        this.pending.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /** Messages a stopped node wrote but never queued (queueing is idempotent per message). */
  async onApplicationBootstrap(): Promise<void> {
    const stranded = await this.outbox.find({
      select: { id: true },
      where: { createdAt: LessThan(new Date(Date.now() - 60_000)) },
    });
    await this.enqueue(stranded.map((m) => m.id));
  }

  /**
   * Sends a message: pass the caller's transaction manager so it leaves only if the change it
   * reports commits.
   */
  async send(message: MailMessage, manager?: EntityManager): Promise<void> {
    const em = manager ?? this.outbox.manager;
    const { identifiers } = await em.insert(OutgoingMail, {
      recipient: message.to,
      subject: message.subject,
      body: message.text,
    });
    const id = identifiers[0]!.id as string;
    const runner = em.queryRunner;
    if (runner?.isTransactionActive) {
      this.pending.set(runner, [...(this.pending.get(runner) ?? []), id]);
    } else {
      await this.enqueue([id]);
    }
  }

  /** Delivers one message from the outbox and removes it; a retry after success finds nothing. */
  async deliver(id: string): Promise<void> {
    const mail = await this.outbox.findOneBy({ id });
    if (!mail) return;
    try {
      await this.transport.deliver({
        id: mail.id,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        createdAt: mail.createdAt.toISOString(),
      });
    } catch (error) {
      // The job fails and pg-boss tries again later; the address stays out of the log.
      this.logger.warn(`delivery of message ${id} failed: ${(error as Error).message}`);
      throw error;
    }
    await this.outbox.delete({ id });
  }

  /**
   * An erased account leaves no mail behind: messages to its address are removed, queued or
   * kept, and its name in messages to others (invitations it sent) becomes `replacement`.
   */
  async forget(address: string | null, name: string, replacement: string): Promise<void> {
    if (address) {
      await this.outbox
        .createQueryBuilder()
        .delete()
        .from(OutgoingMail)
        .where('lower(recipient) = lower(:address)', { address })
        .execute();
    }
    await this.outbox
      .createQueryBuilder()
      .update(OutgoingMail)
      .set({
        subject: () => 'replace(subject, :name, :replacement)',
        body: () => 'replace(body, :name, :replacement)',
      })
      .where('strpos(subject, :name) > 0 OR strpos(body, :name) > 0')
      .setParameters({ name, replacement })
      .execute();
    if (this.transport instanceof FolderTransport) {
      if (address) await this.transport.forget(address);
      await this.transport.redact(name, replacement);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  private async enqueue(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.jobs.send<MailDeliveryJob>(QUEUE, { id }, { key: `${QUEUE}:${id}` });
      } catch (error) {
        // Stays in the outbox; the next start queues it again.
        this.logger.error(`could not queue message ${id}: ${(error as Error).message}`);
      }
    }
  }
}
