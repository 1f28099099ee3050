// FileSweeperJob: every five minutes (pg-boss, once across all nodes) the uploads nobody attached
// within a day, and those a crash left half-stored, become unreadable; then the content of every
// file marked for removal (detached, deleted, erased, expired) is removed, then its row. A removal
// that fails (S3 away) is tried again at the next sweep. Leftovers of interrupted uploads in the
// incoming folder go after an hour. An erased account's uploads are swept at once.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DomainEvents } from '#libs/common';
import { JobQueue } from '#libs/persistence';
import { FilesService } from './files.service.js';
import { FILE_STORAGE, type FileStorage } from './storage/file-storage.js';

export const FILE_SWEEP_QUEUE = 'files-sweep';
const EVERY_FIVE_MINUTES = '*/5 * * * *';
const BATCH = 200;
const INCOMING_MAX_AGE_MS = 60 * 60 * 1000;

export interface SweepResult {
  expired: number;
  removed: number;
}

@Injectable()
export class FileSweeper {
  private readonly logger = new Logger('FileSweeper');
  private running: Promise<SweepResult> | null = null;

  constructor(
    jobs: JobQueue,
    events: DomainEvents,
    private readonly files: FilesService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {
    jobs.work(FILE_SWEEP_QUEUE, async () => void (await this.sweep()));
    jobs.every(FILE_SWEEP_QUEUE, EVERY_FIVE_MINUTES);
    events.on('account.erased', async () => void (await this.sweep()));
  }

  /** One sweep at a time per node; a call during one waits for it. */
  sweep(now = new Date()): Promise<SweepResult> {
    this.running ??= this.run(now).finally(() => (this.running = null));
    return this.running;
  }

  private async run(now: Date): Promise<SweepResult> {
    const expired = await this.files.expire(now);
    let removed = 0;
    const failed = new Set<string>();
    for (;;) {
      const ids = (await this.files.awaitingRemoval(BATCH + failed.size)).filter(
        (id) => !failed.has(id),
      );
      if (ids.length === 0) break;
      for (const id of ids) {
        if (await this.files.purge(id)) removed += 1;
        else failed.add(id);
      }
    }
    await this.clearIncoming(now);
    if (expired + removed > 0)
      this.logger.log(`expired ${expired} unattached uploads, removed ${removed} files`);
    return { expired, removed };
  }

  private async clearIncoming(now: Date): Promise<void> {
    const dir = this.storage.incomingDir;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > INCOMING_MAX_AGE_MS)
        await rm(file, { force: true }).catch(() => undefined);
    }
  }
}
