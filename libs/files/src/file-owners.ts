// A file attached to a post or practice is read by whoever may read that post or practice. The
// library that owns the subject registers here how to ask (the same pattern as PersonalData and
// ExchangeContent), so the files library never reads another library's tables.
import { Injectable } from '@nestjs/common';
import type { Actor } from '#libs/common';

export interface FileOwner {
  /** Whether `actor` may read the subject, and so download this file of it. */
  canRead(actor: Actor, subjectId: string, fileId: string): Promise<boolean>;
  /**
   * Whether someone without an account may download this file (public content only). An owner
   * that leaves this out is never read signed out.
   */
  canReadSignedOut?(subjectId: string, fileId: string): Promise<boolean>;
}

/** A kind of thing that takes attachments: `post`, `practice`. */
export interface AttachmentSubject {
  subjectType: string;
  subjectId: string;
}

const SUBJECT_TYPE = /^[a-z][a-z0-9-]{0,31}$/;

@Injectable()
export class FileOwners {
  private readonly owners = new Map<string, FileOwner>();

  /** Call from the owning library's onModuleInit. */
  register(subjectType: string, owner: FileOwner): void {
    if (!SUBJECT_TYPE.test(subjectType))
      throw new Error(`A subject type is a short lower-case word, not ${subjectType}`);
    if (this.owners.has(subjectType))
      throw new Error(`Two file owners registered for ${subjectType}`);
    this.owners.set(subjectType, owner);
  }

  has(subjectType: string): boolean {
    return this.owners.has(subjectType);
  }

  /**
   * False for a subject type nobody registered: a file nobody vouches for is nobody's to read.
   * Signed out (null), only an owner that says so lets a file be read.
   */
  async canRead(actor: Actor | null, subject: AttachmentSubject, fileId: string): Promise<boolean> {
    const owner = this.owners.get(subject.subjectType);
    if (!owner) return false;
    if (actor === null) return (await owner.canReadSignedOut?.(subject.subjectId, fileId)) ?? false;
    return owner.canRead(actor, subject.subjectId, fileId);
  }
}
