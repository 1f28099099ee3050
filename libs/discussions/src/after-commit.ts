// Live events leave only after the change they report committed, whoever ran the transaction
// (a moderation command of another library hides a post through our callback, in its own
// transaction): work queued on a transaction's manager runs after its commit, or never.
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

type Task = () => Promise<void> | void;

@Injectable()
export class AfterCommit implements OnModuleInit {
  private readonly logger = new Logger('AfterCommit');
  private readonly pending = new WeakMap<QueryRunner, Task[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        const tasks = this.pending.get(queryRunner);
        this.pending.delete(queryRunner);
        // In the order they were queued: a post's event before its thread's; once the
        // committing request has answered (they read the database and emit to many sockets).
        if (tasks)
          setImmediate(() => {
            void (async () => {
              for (const task of tasks) await this.run(task);
            })();
          });
      },
      afterTransactionRollback: ({ queryRunner }) => {
        this.pending.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /** Runs `task` once the manager's transaction commits (at once without a transaction). */
  queue(manager: EntityManager, task: Task): void {
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      void this.run(task);
      return;
    }
    this.pending.set(queryRunner, [...(this.pending.get(queryRunner) ?? []), task]);
  }

  private async run(task: Task): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn(`after commit: ${(error as Error).message}`);
    }
  }
}
