// A kind of content that can be moderated (live messages, posts, threads, practice entries)
// implements this, so moderation imports no domain library: the domain library registers itself.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ModerationSubjectType } from '#libs/contracts';
import type { Actor } from '#libs/common';
import type { AfterCommitTask } from './member-sanctions.js';

export interface ModeratedItem {
  /** The exchange it lives in, or null (the network commons, a public practice). */
  exchangeId: string | null;
  /** Who wrote it: the person a hide or restore concerns. */
  authorId: string;
  /** "in the lobby of \"X\"": for the English text of the author's notification. */
  where: string;
  /** Facts the author's notification carries so clients can link and word it (roomId, …). */
  context: Record<string, string | null>;
  /** Facts the audit line keeps besides the subject (e.g. the room of a message). */
  details: Record<string, string>;
  hidden: boolean;
  /** What a moderator reviews: the text as written (markdown), even when hidden. */
  body: string;
  /** Where the web client shows it, e.g. /rooms/:roomId#seq-12. */
  url: string;
}

export interface ModeratedContent {
  readonly type: ModerationSubjectType;
  /** The item as moderation needs it, or null when there is no such item. */
  describe(id: string, manager: EntityManager): Promise<ModeratedItem | null>;
  /** `actorId` null: the system hid it (reports reached the threshold, pending review). */
  hide(
    id: string,
    by: { actorId: string | null; reason: string },
    manager: EntityManager,
  ): Promise<void>;
  restore(id: string, manager: EntityManager): Promise<void>;
  /** Whether the person may see the item (may flag it); false for a missing item. */
  canSee(
    actor: { id: string; networkRole: 'member' | 'coordinator' | 'admin' },
    id: string,
  ): Promise<boolean>;
}

/**
 * The review queue's "hide and mute": mutes the item's author where it was written (a room, an
 * exchange's threads) for `minutes`, with its own audit line, in the caller's transaction.
 * Refuses (typed error) when the actor may not act on the author. May answer work to run after
 * the commit and before the decision is answered (the author's open sockets re-derived).
 */
export type AuthorMute = (
  actor: Actor,
  item: ModeratedItem,
  mute: { minutes: number; reason: string },
  manager: EntityManager,
) => Promise<AfterCommitTask | void>;

@Injectable()
export class ModeratedContents {
  private readonly mutes = new Map<ModerationSubjectType, AuthorMute>();

  private readonly kinds = new Map<ModerationSubjectType, ModeratedContent>();

  register(content: ModeratedContent): void {
    if (this.kinds.has(content.type))
      throw new Error(`${content.type} content is already registered for moderation`);
    this.kinds.set(content.type, content);
  }

  of(type: ModerationSubjectType): ModeratedContent {
    const content = this.kinds.get(type);
    if (!content) throw new Error(`No moderated content of type ${type} is registered`);
    return content;
  }

  /** How the author of this kind of content is muted (registered by whoever keeps the mutes). */
  registerAuthorMute(type: ModerationSubjectType, mute: AuthorMute): void {
    this.mutes.set(type, mute);
  }

  authorMuteOf(type: ModerationSubjectType): AuthorMute | null {
    return this.mutes.get(type) ?? null;
  }
}
