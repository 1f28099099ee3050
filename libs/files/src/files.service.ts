// The rules of files: what an upload may be and how much a member may keep, who may read and
// delete a file, and how the libraries that own posts and practices attach files in their own
// transactions. Contents live in a FileStorage (disk or S3) under the file's id.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In, IsNull, LessThan, Repository } from 'typeorm';
import {
  type AttachmentView,
  MAX_ATTACHMENTS,
  MAX_FILE_BYTES,
  UNATTACHED_FILE_HOURS,
} from '#libs/contracts';
import {
  type Actor,
  isUuidShaped,
  NotFoundError,
  RateLimitedError,
  ValidationFailedError,
} from '#libs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { poolOf } from '#libs/persistence';
import { StoredFile } from './entities/stored-file.entity.js';
import { detectAcceptedType } from './file-types.js';
import { fileNameProblem, storedFileName } from './file-name.js';
import { type AttachmentSubject, FileOwners } from './file-owners.js';
import { type AttachedFile, presentAttachment } from './file.presenter.js';
import {
  FileAttachedError,
  FileTooLargeError,
  QuotaExceededError,
  UnsupportedFileTypeError,
} from './files.errors.js';
import { canOnFile } from './files.policy.js';
import { ImageScrubber } from './image-scrubber.js';
import {
  FILE_STORAGE,
  type FileStorage,
  StoredContentMissingError,
} from './storage/file-storage.js';
import { type IncomingUpload, receiveUpload, UploadLimitReached } from './upload-receiver.js';

const MIB = 1024 * 1024;
/** A file still `pending` after this long was left by a crash mid-upload. */
const PENDING_GIVE_UP_MS = 60 * 60 * 1000;
/** Uploads one member may have under way on one API node (each holds a connection and disk). */
export const UPLOADS_IN_FLIGHT_PER_MEMBER = 4;

export interface FileUsage {
  usedBytes: number;
  quotaBytes: number;
  unattached: StoredFile[];
}

/** The stored files attached to subjects $2 (uuid[]) of type $1, in the order they were attached. */
const ATTACHMENTS_OF = `
  SELECT id, subject_id AS "subjectId", name, content_type AS "contentType",
         size_bytes AS "sizeBytes", created_at AS "createdAt"
    FROM files
   WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]) AND status = 'stored'
   ORDER BY attached_at, created_at, id`;
/** The same files as a JSON column of a caller's statement (`attachmentsColumn`), in that order. */
const ATTACHMENTS_JSON = `coalesce(json_agg(json_build_object(
    'id', f.id, 'name', f.name, 'contentType', f.content_type,
    'sizeBytes', f.size_bytes, 'createdAt', f.created_at)
  ORDER BY f.attached_at, f.created_at, f.id), '[]'::json)`;

type AttachmentRow = AttachedFile & { subjectId: string };

@Injectable()
export class FilesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Files');
  private readonly quotaBytes: number;
  private readonly inFlight = new Map<string, number>();

  constructor(
    @InjectRepository(StoredFile) private readonly files: Repository<StoredFile>,
    private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly owners: FileOwners,
    private readonly images: ImageScrubber,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.quotaBytes = config.FILES_QUOTA_MB * MIB;
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.storage.prepare();
    } catch (error) {
      // Disk: DATA_DIR was checked at start, so this is unexpected and stops it. A bucket that
      // does not answer yet must not keep the rest of the platform down: uploads will say so.
      if (this.storage.kind === 'disk') throw error;
      this.logger.warn(`The S3 bucket does not answer yet: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.storage.close?.();
  }

  // ---- The uploader's own routes ----

  /** Receives one file, checks it and stores it, unattached and owned by the uploader. */
  async upload(actor: Actor, incoming: IncomingUpload): Promise<StoredFile> {
    const under = this.inFlight.get(actor.id) ?? 0;
    if (under >= UPLOADS_IN_FLIGHT_PER_MEMBER)
      throw new RateLimitedError(
        5,
        `At most ${UPLOADS_IN_FLIGHT_PER_MEMBER} uploads at a time: wait for one to finish.`,
      );
    this.inFlight.set(actor.id, under + 1);
    try {
      return await this.receiveAndStore(actor, incoming);
    } finally {
      const left = (this.inFlight.get(actor.id) ?? 1) - 1;
      if (left > 0) this.inFlight.set(actor.id, left);
      else this.inFlight.delete(actor.id);
    }
  }

  private async receiveAndStore(actor: Actor, incoming: IncomingUpload): Promise<StoredFile> {
    const usedBefore = await this.usedBytes(actor.id);
    const room = this.quotaBytes - usedBefore;
    if (room <= 0) throw new QuotaExceededError(this.quotaBytes, usedBefore);
    // Past the room left in the quota the upload stops early, like one past the size limit.
    const limitBytes = Math.min(MAX_FILE_BYTES, room);
    const received = await receiveUpload(incoming, {
      limitBytes,
      dir: this.storage.incomingDir,
      nameProblem: fileNameProblem,
    }).catch((error: unknown) => {
      if (!(error instanceof UploadLimitReached)) throw error;
      throw limitBytes < MAX_FILE_BYTES
        ? new QuotaExceededError(this.quotaBytes, usedBefore)
        : new FileTooLargeError();
    });
    const scratch = [received.path];
    try {
      const type = await detectAcceptedType(received.path);
      if (!type) throw new UnsupportedFileTypeError();
      let content = received;
      if (type.kind === 'image') {
        const cleaned = path.join(this.storage.incomingDir, `${randomUUID()}.clean`);
        scratch.push(cleaned);
        await this.images.scrub(received.path, cleaned, type);
        content = { ...received, path: cleaned, ...(await measure(cleaned)) };
      }
      const file = await this.reserve(actor, {
        name: storedFileName(received.name, type),
        contentType: type.contentType,
        sizeBytes: content.sizeBytes,
        sha256: content.sha256,
      });
      try {
        await this.storage.put(file.id, content.path, {
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
        });
        await this.files.update({ id: file.id }, { status: 'stored' });
      } catch (error) {
        await this.markForRemoval([file.id]).catch(() => undefined);
        await this.purge(file.id);
        throw error;
      }
      file.status = 'stored';
      return file;
    } finally {
      await Promise.all(scratch.map((file) => rm(file, { force: true })));
    }
  }

  /** The file, if the actor (null: signed out) may read it; NOT_FOUND otherwise (never FORBIDDEN). */
  async readable(actor: Actor | null, id: string): Promise<StoredFile> {
    const file = await this.files.findOneBy({ id, status: 'stored' });
    if (!file || !(await this.mayRead(actor, file))) throw new NotFoundError('File');
    return file;
  }

  /** The file and its content, if the actor may read it. */
  async open(actor: Actor | null, id: string): Promise<{ file: StoredFile; content: Readable }> {
    const file = await this.readable(actor, id);
    try {
      return { file, content: await this.storage.read(file.id) };
    } catch (error) {
      if (!(error instanceof StoredContentMissingError)) throw error;
      // Deleted while we looked: gone, like any deleted file. Otherwise content was lost.
      if (!(await this.files.existsBy({ id, status: 'stored' }))) throw new NotFoundError('File');
      this.logger.error(error.message);
      throw error;
    }
  }

  /** The uploader removes an upload nothing has taken yet. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const file = await manager.findOne(StoredFile, {
        where: { id, status: 'stored' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!file || !(await this.mayRead(actor, file))) throw new NotFoundError('File');
      if (!canOnFile(actor, 'delete', file)) throw new FileAttachedError();
      await manager.update(StoredFile, { id }, { status: 'deleting' });
    });
    await this.purge(id);
  }

  async usage(actor: Actor): Promise<FileUsage> {
    const [usedBytes, unattached] = await Promise.all([
      this.usedBytes(actor.id),
      this.files.find({
        where: { uploaderId: actor.id, status: 'stored', subjectId: IsNull() },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return { usedBytes, quotaBytes: this.quotaBytes, unattached };
  }

  // ---- For the libraries that own subjects (posts, practices) ----

  /**
   * Attaches the actor's own unattached uploads to a subject, in the caller's transaction. A
   * file that is not there, not the actor's, or already gone answers NOT_FOUND; one attached to
   * something else FILE_ATTACHED; one already on this subject is fine (a retried request).
   */
  async attach(
    manager: EntityManager,
    fileIds: readonly string[],
    subject: AttachmentSubject,
    actor: Actor,
  ): Promise<AttachmentView[]> {
    this.requireOwner(subject);
    const given = [...new Set(fileIds.map((id) => id.toLowerCase()))];
    if (given.length === 0) return [];
    // Rows are locked in id order, so two writers attaching overlapping sets cannot deadlock.
    const ids = [...given].sort();
    if (!ids.every(isUuidShaped)) throw new NotFoundError('File');
    const rows = await manager.find(StoredFile, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const fresh: StoredFile[] = [];
    for (const id of ids) {
      const file = byId.get(id);
      if (!file || file.status !== 'stored' || file.uploaderId !== actor.id)
        throw new NotFoundError('File');
      if (isOn(file, subject)) continue;
      if (!canOnFile(actor, 'attach', file))
        throw new FileAttachedError('This file is already attached elsewhere: upload it again.');
      fresh.push(file);
    }
    if (fresh.length > 0) {
      const already = await manager.count(StoredFile, {
        where: { ...where(subject), status: 'stored' },
      });
      if (already + fresh.length > MAX_ATTACHMENTS) {
        const problem = `must be at most ${MAX_ATTACHMENTS} files`;
        throw new ValidationFailedError(`attachments: ${problem}`, [
          { field: 'attachments', problems: [problem] },
        ]);
      }
      const attachedAt = new Date();
      await manager.update(
        StoredFile,
        { id: In(fresh.map((file) => file.id)) },
        { ...where(subject), attachedAt },
      );
      for (const file of fresh) Object.assign(file, where(subject), { attachedAt });
    }
    return given.map((id) => presentAttachment(byId.get(id)!));
  }

  /**
   * Takes files off a subject, in the caller's transaction: they become unreadable at once and
   * their content is removed shortly after (FileSweeper). Ids not on the subject are ignored.
   */
  async detach(
    manager: EntityManager,
    fileIds: readonly string[],
    subject: AttachmentSubject,
  ): Promise<void> {
    const ids = fileIds.map((id) => id.toLowerCase()).filter(isUuidShaped);
    if (ids.length === 0) return;
    await manager.update(
      StoredFile,
      { id: In(ids), ...where(subject), status: 'stored' },
      { status: 'deleting' },
    );
  }

  /** Takes every file off a subject that is going away, in the caller's transaction. */
  async detachAll(manager: EntityManager, subject: AttachmentSubject): Promise<void> {
    await manager.update(
      StoredFile,
      { ...where(subject), status: 'stored' },
      { status: 'deleting' },
    );
  }

  /** The attachments of several subjects of one type, by subject id, oldest attached first. */
  async attachmentsOf(
    subjectType: string,
    subjectIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, AttachmentView[]>> {
    const result = new Map<string, AttachmentView[]>(subjectIds.map((id) => [id, []]));
    const ids = [...result.keys()].filter(isUuidShaped);
    if (ids.length === 0) return result;
    // Asked on every page of posts: plain SQL, a named statement outside transactions (building
    // the same query through the entity manager cost more than running it).
    const values = [subjectType, ids];
    const rows: AttachmentRow[] = manager
      ? await manager.query(ATTACHMENTS_OF, values)
      : (
          await poolOf(this.dataSource).query<AttachmentRow>({
            name: 'files-attachments-of',
            text: ATTACHMENTS_OF,
            values,
          })
        ).rows;
    for (const row of rows) result.get(row.subjectId)?.push(presentAttachment(row));
    return result;
  }

  /**
   * `attachmentsOf` as a column of a caller's statement (a page reads its posts' attachments in
   * its own round trip): the stored files of the `subjectType` whose id is `idExpr`, as JSON in
   * the same order; `attachmentsFromColumn` presents the column's value.
   */
  attachmentsColumn(subjectType: string, idExpr: string): string {
    // Written into the statement: a kind's name from the code, never a request's text.
    if (!/^[a-z-]+$/.test(subjectType)) throw new Error(`Not a subject type: ${subjectType}`);
    return `(SELECT ${ATTACHMENTS_JSON}
              FROM files f
             WHERE f.subject_type = '${subjectType}' AND f.subject_id = ${idExpr}
               AND f.status = 'stored')`;
  }

  attachmentsFromColumn(value: unknown): AttachmentView[] {
    if (!Array.isArray(value)) return [];
    return (value as Array<AttachedFile & { createdAt: string }>).map((file) =>
      presentAttachment({ ...file, createdAt: new Date(file.createdAt) }),
    );
  }

  // ---- Personal data and the sweeper ----

  /** Everything the person uploaded and that is still kept, oldest first. */
  uploadsOf(practitionerId: string, manager: EntityManager): Promise<StoredFile[]> {
    return manager.find(StoredFile, {
      where: { uploaderId: practitionerId, status: In(['pending', 'stored']) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The person's uploads that nothing has taken become unreadable; their content goes next. */
  async forgetUnattachedOf(practitionerId: string, manager: EntityManager): Promise<void> {
    await manager.update(
      StoredFile,
      { uploaderId: practitionerId, subjectId: IsNull(), status: In(['pending', 'stored']) },
      { status: 'deleting' },
    );
  }

  /**
   * Marks for removal the uploads nobody attached within UNATTACHED_FILE_HOURS and the ones a
   * crash left pending; returns how many.
   */
  async expire(now: Date): Promise<number> {
    const unattachedBefore = new Date(now.getTime() - UNATTACHED_FILE_HOURS * 3_600_000);
    const pendingBefore = new Date(now.getTime() - PENDING_GIVE_UP_MS);
    const unattached = await this.files.update(
      { status: 'stored', subjectId: IsNull(), createdAt: LessThan(unattachedBefore) },
      { status: 'deleting' },
    );
    const pending = await this.files.update(
      { status: 'pending', createdAt: LessThan(pendingBefore) },
      { status: 'deleting' },
    );
    return (unattached.affected ?? 0) + (pending.affected ?? 0);
  }

  /** Ids of files whose content waits to be removed. */
  async awaitingRemoval(limit: number): Promise<string[]> {
    const rows = await this.files.find({
      select: { id: true },
      where: { status: 'deleting' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /** Removes a file marked `deleting`: content first, then the row; false if it must wait. */
  async purge(id: string): Promise<boolean> {
    try {
      await this.storage.remove(id);
      await this.files.delete({ id, status: 'deleting' });
      return true;
    } catch (error) {
      this.logger.warn(`file ${id} stays marked for removal: ${(error as Error).message}`);
      return false;
    }
  }

  // ---- Inside ----

  private requireOwner(subject: AttachmentSubject): void {
    // A programming error in the calling library, not the user's: fail loudly.
    if (!this.owners.has(subject.subjectType))
      throw new Error(`No file owner is registered for ${subject.subjectType}`);
  }

  private async mayRead(actor: Actor | null, file: StoredFile): Promise<boolean> {
    const subjectReadable =
      file.subjectType !== null && file.subjectId !== null
        ? await this.owners.canRead(
            actor,
            { subjectType: file.subjectType, subjectId: file.subjectId },
            file.id,
          )
        : false;
    return canOnFile(actor, 'read', file, subjectReadable);
  }

  private async markForRemoval(ids: string[]): Promise<void> {
    await this.files.update({ id: In(ids) }, { status: 'deleting' });
  }

  private async usedBytes(uploaderId: string, manager?: EntityManager): Promise<number> {
    const [row] = (await (manager ?? this.dataSource.manager).query(
      `SELECT COALESCE(SUM(size_bytes), 0)::bigint AS used
         FROM files WHERE uploader_id = $1 AND status IN ('pending', 'stored')`,
      [uploaderId],
    )) as [{ used: string }];
    return Number(row.used);
  }

  /**
   * The row of a new file, `pending` until its content is stored, if it fits in the uploader's
   * quota. One member's uploads take turns here (an advisory lock on their id), so two at once
   * cannot both take the last room.
   */
  private reserve(
    actor: Actor,
    content: { name: string; contentType: string; sizeBytes: number; sha256: string },
  ): Promise<StoredFile> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `files-quota:${actor.id}`,
      ]);
      const used = await this.usedBytes(actor.id, manager);
      if (used + content.sizeBytes > this.quotaBytes)
        throw new QuotaExceededError(this.quotaBytes, used);
      const file = manager.create(StoredFile, {
        id: randomUUID(),
        uploaderId: actor.id,
        ...content,
        status: 'pending',
        subjectType: null,
        subjectId: null,
        attachedAt: null,
      });
      await manager.insert(StoredFile, file);
      return file;
    });
  }
}

function where(subject: AttachmentSubject) {
  return { subjectType: subject.subjectType, subjectId: subject.subjectId.toLowerCase() };
}

function isOn(file: StoredFile, subject: AttachmentSubject): boolean {
  const { subjectType, subjectId } = where(subject);
  return file.subjectType === subjectType && file.subjectId === subjectId;
}

/** Size and SHA-256 of a file on disk, read as a stream. */
async function measure(file: string): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}
