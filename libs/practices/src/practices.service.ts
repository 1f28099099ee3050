// Writing entries: drafts (from scratch or proposed from a session, a message, later a thread or
// a post), autosave, provenance links and quotes. Every write is one transaction that locks the
// entry, so two autosaves never interleave; a repeated autosave changes nothing.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  PRACTICE_TEXT_FIELDS,
  type PracticeTextField,
  type PracticeVisibility,
  type ProvenanceKind,
} from '#libs/contracts';
import {
  type Actor,
  ConflictError,
  DomainError,
  NotFoundError,
  ProvenanceSources,
  type ProvenanceDescription,
  ValidationFailedError,
} from '#libs/common';
import { City } from '#libs/cities';
import { type AttachmentSubject, FilesService } from '#libs/files';
import { NotificationsService } from '#libs/notifications';
import { Practitioner } from '#libs/practitioners';
import { ThemesService } from '#libs/themes';
import type {
  CreatePracticeDto,
  QuoteDto,
  SourceRefDto,
  UpdatePracticeDto,
} from './dto/practice.dto.js';
import { Practice } from './entities/practice.entity.js';
import { PracticeText } from './entities/practice-text.entity.js';
import { PracticeQuote, PracticeSource } from './entities/provenance.entities.js';
import { PracticeEvent } from './entities/review.entities.js';
import { PracticeAccess, type PracticeContext } from './practice-access.service.js';
import { snapshotOf } from './practice-snapshot.js';
import { canChooseVisibility } from './practices.policy.js';

/** Whitespace-insensitive: a quote must be the source's own words. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** An entry's documents, as the files library knows them. */
export const PRACTICE_FILES = 'practice';
export const documentsOf = (practiceId: string): AttachmentSubject => ({
  subjectType: PRACTICE_FILES,
  subjectId: practiceId,
});

@Injectable()
export class PracticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly themes: ThemesService,
    private readonly sources: ProvenanceSources,
    private readonly notifications: NotificationsService,
    private readonly files: FilesService,
  ) {}

  async create(
    actor: Actor,
    input: CreatePracticeDto,
    links: Array<{ kind: ProvenanceKind; id: string }> = [],
  ): Promise<string> {
    const exchangeId = input.exchangeId ?? null;
    const visibility: PracticeVisibility =
      input.visibility ?? (exchangeId ? 'exchange' : 'network');
    await this.checkPlacement(actor, visibility, exchangeId);
    const themes = await this.themes.resolveSlugs(input.themes ?? []);
    return this.dataSource.transaction(async (manager) => {
      const cities = await this.resolveCities(manager, input.cityIds ?? []);
      const practice = manager.create(Practice, {
        status: 'draft',
        authorId: actor.id,
        exchangeId,
        visibility,
        originalLanguage: input.originalLanguage,
        targetGroups: input.targetGroups ?? [],
        themes,
        cities,
        texts: [],
        scale: input.scale ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        evidenceLevel: input.evidenceLevel ?? null,
        evaluationUrl: input.evaluationUrl || null,
        contactName: input.contact?.name ?? '',
        contactOrganisation: input.contact?.organisation ?? '',
        contactEmail: input.contact?.email ?? '',
        revision: 1,
      });
      const saved = await manager.save(practice);
      const texts = new Map((input.texts ?? []).map((t) => [t.language, t]));
      if (!texts.has(input.originalLanguage))
        texts.set(input.originalLanguage, { language: input.originalLanguage });
      for (const text of texts.values())
        await manager.insert(PracticeText, { ...textColumns(text), practiceId: saved.id });
      for (const link of links)
        await manager
          .createQueryBuilder()
          .insert()
          .into(PracticeSource)
          .values({ practiceId: saved.id, kind: link.kind, sourceId: link.id, addedById: actor.id })
          .orIgnore()
          .execute();
      await this.audit(manager, saved.id, actor, 'create', null, 'draft', null);
      return saved.id;
    });
  }

  /**
   * Autosave: sets the fields sent, leaves the others. The same edit sent twice changes nothing
   * the second time; an edit made on an older revision than someone else's is refused (409).
   * Editing a published entry starts its next version (readers keep the published one).
   */
  async update(actor: Actor, ref: string, input: UpdatePracticeDto): Promise<void> {
    const pre = await this.access.require(actor, ref, 'edit');
    const themes = input.themes ? await this.themes.resolveSlugs(input.themes) : null;
    await this.dataSource.transaction(async (manager) => {
      const { practice, workingExchangeRole } = await this.lockForEdit(manager, actor, pre);
      const before = JSON.stringify(snapshotOf(practice, [], []));
      if (input.exchangeId !== undefined || input.visibility !== undefined) {
        const exchangeId = input.exchangeId !== undefined ? input.exchangeId : practice.exchangeId;
        const visibility = input.visibility ?? practice.visibility;
        const changedPlacement =
          exchangeId !== practice.exchangeId || visibility !== practice.visibility;
        if (changedPlacement)
          await this.checkPlacement(
            actor,
            visibility,
            exchangeId,
            exchangeId === practice.exchangeId ? workingExchangeRole : undefined,
          );
        practice.exchangeId = exchangeId;
        practice.visibility = visibility;
      }
      if (themes) practice.themes = themes;
      if (input.cityIds) practice.cities = await this.resolveCities(manager, input.cityIds);
      if (input.targetGroups) practice.targetGroups = input.targetGroups;
      if (input.scale !== undefined) practice.scale = input.scale;
      if (input.periodStart !== undefined) practice.periodStart = input.periodStart;
      if (input.periodEnd !== undefined) practice.periodEnd = input.periodEnd;
      if (input.evidenceLevel !== undefined) practice.evidenceLevel = input.evidenceLevel;
      if (input.evaluationUrl !== undefined) practice.evaluationUrl = input.evaluationUrl || null;
      if (input.contact) {
        practice.contactName = input.contact.name ?? practice.contactName;
        practice.contactOrganisation = input.contact.organisation ?? practice.contactOrganisation;
        practice.contactEmail = input.contact.email ?? practice.contactEmail;
      }
      this.applyTexts(practice, input);
      if (practice.periodStart && practice.periodEnd && practice.periodEnd < practice.periodStart)
        throw new ValidationFailedError('periodEnd: the period cannot end before it starts', [
          { field: 'periodEnd', problems: ['periodEnd must not be before periodStart'] },
        ]);
      if (JSON.stringify(snapshotOf(practice, [], [])) === before) return;
      if (input.baseRevision !== undefined && input.baseRevision !== practice.revision)
        throw new ConflictError(
          'Someone else changed this entry since you opened it: reload it to see their changes.',
        );
      await this.saveEdited(manager, actor, practice, 'edit');
    });
  }

  /**
   * A change to the working copy made elsewhere in the library (its documents): under the edit
   * policy, in one transaction with the entry locked. When `change` reports a change, it is a new
   * revision (a published entry starts its next version) and a line in the entry's history.
   */
  async editWorkingCopy(
    actor: Actor,
    ref: string,
    change: (
      manager: EntityManager,
      practice: Practice,
    ) => Promise<{ action: string; comment: string } | null>,
  ): Promise<void> {
    const pre = await this.access.require(actor, ref, 'edit');
    await this.dataSource.transaction(async (manager) => {
      const { practice } = await this.lockForEdit(manager, actor, pre);
      const changed = await change(manager, practice);
      if (!changed) return;
      const from = practice.status;
      const to = from === 'published' ? 'draft' : from;
      await manager.update(
        Practice,
        { id: practice.id },
        { revision: practice.revision + 1, status: to },
      );
      await this.audit(manager, practice.id, actor, changed.action, from, to, changed.comment);
    });
  }

  async delete(actor: Actor, ref: string): Promise<void> {
    const { practice } = await this.access.require(actor, ref, 'delete');
    await this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(
        'SELECT current_version FROM practices WHERE id = $1 FOR UPDATE',
        [practice.id],
      )) as Array<{ current_version: number | null }>;
      if (!locked) return;
      if (locked.current_version !== null)
        throw new ConflictError('A published entry is archived, not deleted.');
      await this.files.detachAll(manager, documentsOf(practice.id));
      await manager.delete(Practice, { id: practice.id });
    });
  }

  /**
   * "Propose as a practice": a draft prefilled from a session, a message (later a thread or a
   * post), linked to it and to its exchange. Someone else's words are not copied in: they are
   * asked for as a quote, which waits for that person's yes.
   */
  async propose(actor: Actor, ref: SourceRefDto): Promise<string> {
    const source = await this.describeOrFail(actor, ref);
    const role = source.exchangeId
      ? await this.access.exchangeRole(source.exchangeId, actor.id)
      : null;
    const inExchange = source.exchangeId !== null && canChooseVisibility(actor, 'exchange', role);
    const ownWords = source.author === null || source.author.id === actor.id;
    const language = source.language && /^[a-z]{2}$/.test(source.language) ? source.language : 'en';
    const themes = (await this.themes.list()).map((t) => t.slug);
    const id = await this.create(
      actor,
      {
        originalLanguage: language,
        exchangeId: inExchange ? source.exchangeId : null,
        visibility: inExchange ? 'exchange' : 'network',
        themes: (source.themes ?? []).filter((slug) => themes.includes(slug)),
        cityIds: source.cityIds ?? [],
        texts: [
          {
            language,
            title: source.title.slice(0, 200),
            summary: ownWords ? firstParagraph(source.excerpt).slice(0, 1000) : '',
            approach: ownWords && ref.kind !== 'exchange' ? source.excerpt.slice(0, 20000) : '',
          },
        ],
      },
      [
        { kind: ref.kind, id: ref.id },
        ...(source.exchangeId && ref.kind !== 'exchange' && inExchange
          ? [{ kind: 'exchange' as const, id: source.exchangeId }]
          : []),
      ],
    );
    if (!ownWords && source.excerpt.trim())
      await this.addQuote(actor, id, { ...ref, text: source.excerpt.slice(0, 2000) });
    return id;
  }

  async addSource(actor: Actor, ref: string, source: SourceRefDto): Promise<void> {
    const pre = await this.access.require(actor, ref, 'edit');
    await this.describeOrFail(actor, source);
    await this.dataSource.transaction(async (manager) => {
      const { practice } = await this.lockForEdit(manager, actor, pre);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PracticeSource)
        .values({
          practiceId: practice.id,
          kind: source.kind,
          sourceId: source.id,
          addedById: actor.id,
        })
        .orIgnore()
        .returning(['source_id'])
        .execute();
      if ((inserted.raw as unknown[]).length > 0)
        await this.saveEdited(manager, actor, practice, 'link-source');
    });
  }

  async removeSource(actor: Actor, ref: string, kind: ProvenanceKind, sourceId: string) {
    const pre = await this.access.require(actor, ref, 'edit');
    await this.dataSource.transaction(async (manager) => {
      const { practice } = await this.lockForEdit(manager, actor, pre);
      const result = await manager.delete(PracticeSource, {
        practiceId: practice.id,
        kind,
        sourceId,
      });
      if (!result.affected) throw new NotFoundError('Provenance link');
      await this.saveEdited(manager, actor, practice, 'unlink-source');
    });
  }

  /**
   * Quotes someone's words from a message or post. The quote needs its speaker's yes (asked for
   * in their inbox and on their home page); until then readers never see it. Under the Chatham
   * House rule it will only ever carry a neutral attribution outside the exchange.
   */
  async addQuote(actor: Actor, ref: string, input: QuoteDto): Promise<PracticeQuote> {
    const pre = await this.access.require(actor, ref, 'edit');
    const source = await this.describeOrFail(actor, input);
    if (!source.author)
      throw new ValidationFailedError(`${input.kind}: only what a person said can be quoted`, [
        { field: 'kind', problems: ['quotes come from messages and posts, which have an author'] },
      ]);
    if (!squash(source.excerpt).includes(squash(input.text)))
      throw new ValidationFailedError('text: a quote must be the source’s own words', [
        { field: 'text', problems: ['must be part of the quoted message, as written'] },
      ]);
    const personId = source.author.id;
    return this.dataSource.transaction(async (manager) => {
      const { practice } = await this.lockForEdit(manager, actor, pre);
      const own = personId === actor.id;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PracticeQuote)
        .values({
          practiceId: practice.id,
          sourceKind: input.kind,
          sourceId: input.id,
          personId,
          text: squash(input.text),
          exchangeId: source.exchangeId,
          chathamHouse: source.chathamHouse,
          status: own ? 'accepted' : 'pending',
          requestedById: actor.id,
          decidedAt: own ? new Date() : null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (!row) throw new ConflictError('These words are already quoted in this entry.');
      await manager
        .createQueryBuilder()
        .insert()
        .into(PracticeSource)
        .values({
          practiceId: practice.id,
          kind: input.kind,
          sourceId: input.id,
          addedById: actor.id,
        })
        .orIgnore()
        .execute();
      await this.saveEdited(manager, actor, practice, 'quote');
      if (!own) {
        const requester = await manager.findOneOrFail(Practitioner, { where: { id: actor.id } });
        const title = titleOf(practice);
        await this.notifications.notify(
          [personId],
          {
            kind: 'practice-quote-requested',
            text: `${requester.displayName} would like to quote your words in the practice "${title}". Say yes or no.`,
            data: {
              practiceId: practice.id,
              practiceTitle: title,
              quoteId: row.id,
              requesterName: requester.displayName,
            },
          },
          manager,
        );
      }
      return manager.findOneByOrFail(PracticeQuote, { id: row.id });
    });
  }

  async removeQuote(actor: Actor, ref: string, quoteId: string): Promise<void> {
    const pre = await this.access.require(actor, ref, 'edit');
    await this.dataSource.transaction(async (manager) => {
      const { practice } = await this.lockForEdit(manager, actor, pre);
      const result = await manager.delete(PracticeQuote, { id: quoteId, practiceId: practice.id });
      if (!result.affected) throw new NotFoundError('Quote');
      await this.saveEdited(manager, actor, practice, 'unquote');
    });
  }

  /** The entry, locked, re-checked against the policy inside the transaction. */
  private async lockForEdit(
    manager: EntityManager,
    actor: Actor,
    pre: PracticeContext,
  ): Promise<PracticeContext> {
    await manager.query('SELECT 1 FROM practices WHERE id = $1 FOR UPDATE', [pre.practice.id]);
    return this.access.require(actor, pre.practice.id, 'edit', manager);
  }

  /** Saves a changed working copy: a new revision; a published entry starts its next version. */
  private async saveEdited(
    manager: EntityManager,
    actor: Actor,
    practice: Practice,
    action: string,
  ): Promise<void> {
    const from = practice.status;
    practice.revision += 1;
    if (practice.status === 'published') practice.status = 'draft';
    await manager.save(Practice, practice);
    // Texts are rewritten whole: the working copy is small and this keeps removals simple.
    await manager.delete(PracticeText, { practiceId: practice.id });
    for (const text of practice.texts)
      await manager.insert(PracticeText, { ...text, practiceId: practice.id, practice: undefined });
    if (from !== practice.status || action !== 'edit')
      await this.audit(manager, practice.id, actor, action, from, practice.status, null);
  }

  private applyTexts(practice: Practice, input: UpdatePracticeDto): void {
    const byLanguage = new Map(practice.texts.map((t) => [t.language, t]));
    for (const text of input.texts ?? []) {
      const row =
        byLanguage.get(text.language) ??
        Object.assign(new PracticeText(), textColumns({ language: text.language }), {
          practiceId: practice.id,
        });
      for (const field of PRACTICE_TEXT_FIELDS) {
        const value = text[field];
        if (value !== undefined) row[field] = value;
      }
      byLanguage.set(text.language, row);
    }
    const original = input.originalLanguage ?? practice.originalLanguage;
    for (const language of input.removeLanguages ?? []) {
      if (language === original)
        throw new ValidationFailedError('removeLanguages: the original language stays', [
          { field: 'removeLanguages', problems: ['cannot remove the original language'] },
        ]);
      byLanguage.delete(language);
    }
    if (!byLanguage.has(original))
      throw new ValidationFailedError(
        `originalLanguage: the entry has no texts in ${original} yet`,
        [{ field: 'originalLanguage', problems: ['send the texts in that language first'] }],
      );
    practice.originalLanguage = original;
    practice.texts = [...byLanguage.values()].map((t) => {
      const { practice: _practice, ...columns } = t;
      return Object.assign(new PracticeText(), columns);
    });
  }

  /** Visibility `exchange` needs an exchange the actor is in; `public` is the coordinators' call. */
  private async checkPlacement(
    actor: Actor,
    visibility: PracticeVisibility,
    exchangeId: string | null,
    knownRole?: Awaited<ReturnType<PracticeAccess['exchangeRole']>>,
  ): Promise<void> {
    if (visibility === 'exchange' && !exchangeId)
      throw new ValidationFailedError('exchangeId: visibility "exchange" needs an exchange', [
        { field: 'exchangeId', problems: ['required when visibility is exchange'] },
      ]);
    const role =
      knownRole !== undefined
        ? knownRole
        : exchangeId
          ? await this.access.exchangeRole(exchangeId, actor.id)
          : null;
    if (exchangeId && !canChooseVisibility(actor, 'exchange', role))
      throw new ValidationFailedError('exchangeId: you are not a member of this exchange', [
        { field: 'exchangeId', problems: ['you are not a member of this exchange'] },
      ]);
    if (!canChooseVisibility(actor, visibility, role))
      throw new DomainError('FORBIDDEN', 403, 'Only coordinators make an entry public.');
  }

  private async describeOrFail(
    actor: Actor,
    ref: { kind: ProvenanceKind; id: string },
  ): Promise<ProvenanceDescription> {
    const described = await this.sources.describe(ref.kind, actor, ref.id);
    if (!described) throw new NotFoundError(ref.kind === 'message' ? 'Message' : `The ${ref.kind}`);
    return described;
  }

  private async resolveCities(manager: EntityManager, cityIds: string[]): Promise<City[]> {
    if (cityIds.length === 0) return [];
    const cities = await manager.findBy(City, { id: In(cityIds) });
    const missing = cityIds.filter((id) => !cities.some((c) => c.id === id));
    if (missing.length > 0)
      throw new ValidationFailedError(`cityIds: unknown city ${missing.join(', ')}`, [
        { field: 'cityIds', problems: ['unknown city'] },
      ]);
    return cities;
  }

  async audit(
    manager: EntityManager,
    practiceId: string,
    actor: Actor | null,
    action: string,
    fromStatus: Practice['status'] | null,
    toStatus: Practice['status'] | null,
    comment: string | null,
  ): Promise<void> {
    await manager.insert(PracticeEvent, {
      practiceId,
      actorId: actor?.id ?? null,
      action,
      fromStatus,
      toStatus,
      comment,
    });
  }
}

function textColumns(text: { language: string } & Partial<Record<PracticeTextField, string>>) {
  const columns: Record<string, string> = { language: text.language };
  for (const field of PRACTICE_TEXT_FIELDS) columns[field] = text[field] ?? '';
  return columns as unknown as PracticeText;
}

function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0]?.trim() ?? '';
}

/** The entry's title in its original language (for notifications). */
export function titleOf(practice: Practice): string {
  const original = practice.texts?.find((t) => t.language === practice.originalLanguage);
  return original?.title || 'Untitled practice';
}
