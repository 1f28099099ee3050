// Practice entries as moderated content: registered with the moderation library, so flags and its
// review queue reach them, and hidden or restored through ModerationService (the hide, its audit
// line and the author's notification in one transaction), whoever asks: a moderator on the entry
// or the review queue. A hidden entry leaves the search index (search, facets, totals, home lists,
// the public list); the policy keeps its page, versions, diffs and documents to its author and its
// moderators, and the compendium leaves it out.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, ConflictError, isUuidShaped, NotFoundError } from '#libs/common';
import { ModeratedContents, type ModeratedItem, ModerationService } from '#libs/moderation';
import { Practice } from './entities/practice.entity.js';
import { PracticeVersion } from './entities/practice-version.entity.js';
import { PracticeAccess } from './practice-access.service.js';
import { PracticeLookups } from './practice-lookups.js';
import { emptyTexts, textsOf } from './practice-snapshot.js';
import { canOnPractice } from './practices.policy.js';
import { PracticesService } from './practices.service.js';
import { PracticeIndex } from './search/practice-index.js';

const SUBJECT = 'practice' as const;

@Injectable()
export class PracticeModeration implements OnModuleInit {
  constructor(
    private readonly access: PracticeAccess,
    private readonly practices: PracticesService,
    private readonly index: PracticeIndex,
    private readonly lookups: PracticeLookups,
    private readonly moderation: ModerationService,
    private readonly contents: ModeratedContents,
  ) {}

  onModuleInit(): void {
    this.contents.register({
      type: SUBJECT,
      describe: (id, manager) => this.describe(id, manager),
      hide: (id, by, manager) => this.hideIn(manager, id, by),
      restore: (id, manager) => this.restoreIn(manager, id),
      canSee: async (actor, id) => (await this.readable(actor, id)) !== null,
    });
  }

  /** A moderator hides an entry: someone who cannot read it gets 404, a reader who does not moderate 403. */
  async hide(actor: Actor, ref: string, reason: string): Promise<string> {
    const practice = await this.requireReadable(actor, ref);
    await this.moderation.hide(actor, { type: SUBJECT, id: practice.id }, reason);
    return practice.id;
  }

  async restore(actor: Actor, ref: string, reason: string): Promise<string> {
    const practice = await this.requireReadable(actor, ref);
    await this.moderation.restore(actor, { type: SUBJECT, id: practice.id }, reason);
    return practice.id;
  }

  // — what moderation calls, in its transaction —

  private async describe(id: string, manager: EntityManager): Promise<ModeratedItem | null> {
    if (!isUuidShaped(id)) return null;
    const practice = await this.lock(manager, id);
    if (!practice) return null;
    // What readers saw is what was flagged: the published version, else the working copy.
    const published =
      practice.currentVersion !== null
        ? await manager.findOneBy(PracticeVersion, {
            practiceId: practice.id,
            version: practice.currentVersion,
          })
        : null;
    const original = practice.texts.find((t) => t.language === practice.originalLanguage);
    const texts =
      published?.snapshot.texts[published.snapshot.originalLanguage] ??
      (original ? textsOf(original) : emptyTexts());
    const title = texts.title || 'Untitled practice';
    return {
      // Hosts of the exchange it was published from moderate it; unpublished, coordinators only.
      exchangeId: practice.publishedExchangeId,
      authorId: practice.authorId,
      where: `the practice entry "${title}"`,
      context: { practiceId: practice.id, practiceTitle: title, slug: practice.slug },
      details: { practiceId: practice.id },
      hidden: practice.hiddenAt !== null,
      body: [`# ${title}`, texts.summary, texts.approach].filter((t) => t.trim()).join('\n\n'),
      url: `/practices/${practice.slug ?? practice.id}`,
    };
  }

  private async hideIn(
    manager: EntityManager,
    id: string,
    // actorId null: the system hid it (the review queue's threshold of flags), pending review.
    by: { actorId: string | null; reason: string },
  ): Promise<void> {
    const practice = await this.lock(manager, id);
    if (!practice) throw new NotFoundError('Practice');
    if (practice.hiddenAt) throw new ConflictError('This entry is already hidden.');
    const reason = by.reason.slice(0, 500);
    await manager.update(
      Practice,
      { id },
      { hiddenAt: new Date(), hiddenById: by.actorId, hiddenReason: reason },
    );
    await this.index.remove(id, manager);
    // The entry's history (which its author reads) keeps the step and the reason, but, like the
    // author's notification, not the moderator's name: that is in moderation's audit log.
    await this.practices.audit(manager, id, null, 'hide', practice.status, practice.status, reason);
  }

  private async restoreIn(manager: EntityManager, id: string): Promise<void> {
    const practice = await this.lock(manager, id);
    if (!practice) throw new NotFoundError('Practice');
    if (!practice.hiddenAt) throw new ConflictError('This entry is not hidden.');
    await manager.update(
      Practice,
      { id },
      { hiddenAt: null, hiddenById: null, hiddenReason: null },
    );
    // Back in the library: the published version returns to search (an archived one does not).
    if (practice.currentVersion !== null && practice.status !== 'archived') {
      const version = await manager.findOneByOrFail(PracticeVersion, {
        practiceId: id,
        version: practice.currentVersion,
      });
      const cities = await this.lookups.citiesFull(version.snapshot.cityIds);
      await this.index.put(
        version.snapshot,
        {
          practiceId: id,
          slug: practice.slug!,
          publishedAt: practice.firstPublishedAt ?? new Date(),
          countries: [...new Set(cities.map((c) => c.countryCode))].sort(),
          regions: [...new Set(cities.map((c) => c.region))].sort(),
        },
        manager,
      );
    }
    await this.practices.audit(
      manager,
      id,
      null,
      'restore',
      practice.status,
      practice.status,
      null,
    );
  }

  // — pieces —

  private async lock(manager: EntityManager, id: string): Promise<Practice | null> {
    await manager.query('SELECT 1 FROM practices WHERE id = $1 FOR UPDATE', [id]);
    return manager.findOne(Practice, { where: { id } });
  }

  /** The entry, if the actor may read either copy of it (as the policy says everywhere). */
  private async readable(actor: Actor | null, ref: string): Promise<Practice | null> {
    const practice = await this.access.find(ref);
    if (!practice) return null;
    const { facts, standing } = await this.access.context(actor, practice);
    return canOnPractice(actor, 'read-published', facts, standing) ||
      canOnPractice(actor, 'read-working', facts, standing)
      ? practice
      : null;
  }

  private async requireReadable(actor: Actor, ref: string): Promise<Practice> {
    const practice = await this.readable(actor, ref);
    if (!practice) throw new NotFoundError('Practice');
    return practice;
  }
}
