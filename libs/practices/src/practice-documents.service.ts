// Evaluation reports and other documents on an entry, through the files library. They belong to
// the entry, so every new version carries them over. Attaching or removing one is an edit of the
// working copy (its author and coordinators; a draft, changes requested, or the next version of a
// published entry; never while in review, where reviewers approve one revision). A published
// version shows the documents it was published with; one attached since waits for the next
// version. A download is authorized like the entry: its readers (signed out too, for a public
// one) get the documents of its published versions, its editors and reviewers every document.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AttachmentView } from '#libs/contracts';
import { type Actor, isUuidShaped, NotFoundError } from '#libs/common';
import { FileOwners, FilesService } from '#libs/files';
import { PracticeAccess } from './practice-access.service.js';
import type { PracticeSnapshot } from './practice-snapshot.js';
import { canOnPractice } from './practices.policy.js';
import { documentsOf as subject, PRACTICE_FILES, PracticesService } from './practices.service.js';

@Injectable()
export class PracticeDocuments implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly practices: PracticesService,
    private readonly files: FilesService,
    private readonly owners: FileOwners,
  ) {}

  onModuleInit(): void {
    this.owners.register(PRACTICE_FILES, {
      canRead: (actor, practiceId, fileId) => this.mayDownload(actor, practiceId, fileId),
      // Signed out, the policy lets only a public, published, visible entry be read.
      canReadSignedOut: (practiceId, fileId) => this.mayDownload(null, practiceId, fileId),
    });
  }

  /** Attaches the actor's own uploads to the working copy; the same ids again change nothing. */
  async attach(actor: Actor, ref: string, fileIds: string[]): Promise<void> {
    await this.practices.editWorkingCopy(actor, ref, async (manager, practice) => {
      const before = new Set((await this.list(practice.id, manager)).map((a) => a.id));
      const attached = await this.files.attach(manager, fileIds, subject(practice.id), actor);
      const fresh = attached.filter((a) => !before.has(a.id));
      return fresh.length ? { action: 'attach', comment: names(fresh) } : null;
    });
  }

  /** Takes a document off the entry, published versions included (a withdrawn report is gone). */
  async detach(actor: Actor, ref: string, fileId: string): Promise<void> {
    await this.practices.editWorkingCopy(actor, ref, async (manager, practice) => {
      const file = (await this.list(practice.id, manager)).find((a) => a.id === fileId);
      if (!file) throw new NotFoundError('Document');
      await this.files.detach(manager, [file.id], subject(practice.id));
      return { action: 'detach', comment: names([file]) };
    });
  }

  /** Every document on the entry now (the working copy's), oldest first. */
  async list(practiceId: string, manager = this.dataSource.manager): Promise<AttachmentView[]> {
    return (
      (await this.files.attachmentsOf(PRACTICE_FILES, [practiceId], manager)).get(practiceId) ?? []
    );
  }

  /** What a copy shows: a version its documents still on the entry, the working copy all. */
  async shownIn(
    practiceId: string,
    copy: 'published' | 'working',
    content: PracticeSnapshot,
  ): Promise<AttachmentView[]> {
    const all = await this.list(practiceId);
    if (copy === 'working') return all;
    const published = new Set(content.attachmentIds ?? []);
    return all.filter((a) => published.has(a.id));
  }

  private async mayDownload(
    actor: Actor | null,
    practiceId: string,
    fileId: string,
  ): Promise<boolean> {
    const practice = await this.access.find(practiceId);
    if (!practice) return false;
    const { facts, standing } = await this.access.context(actor, practice);
    if (canOnPractice(actor, 'read-working', facts, standing)) return true;
    if (!canOnPractice(actor, 'read-published', facts, standing) || !isUuidShaped(fileId))
      return false;
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM practice_versions
                       WHERE practice_id = $1 AND snapshot -> 'attachmentIds' ? $2) AS published`,
      [practice.id, fileId.toLowerCase()],
    )) as Array<{ published: boolean }>;
    return row?.published ?? false;
  }
}

const names = (files: AttachmentView[]) => files.map((f) => f.name).join(', ');
