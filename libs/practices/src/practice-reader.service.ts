// Reading entries: the published version (or a draft, to its editors), any earlier version, the
// list of versions, a field-by-field diff, the working copy with its review, the audit trail.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import {
  PRACTICE_REQUIRED_TO_SUBMIT,
  type PracticeDiff,
  type PracticeEventView,
  type PracticeField,
  type PracticeVersionSummary,
  type PracticeView,
  type PracticeWorkingView,
  type ProvenanceLinkView,
} from '#libs/contracts';
import {
  type Actor,
  hasNetworkRole,
  NotFoundError,
  ProvenanceSources,
  ValidationFailedError,
} from '#libs/common';
import { presentPerson } from '#libs/practitioners';
import { Practice } from './entities/practice.entity.js';
import { PracticeVersion } from './entities/practice-version.entity.js';
import { PracticeQuote, PracticeSource } from './entities/provenance.entities.js';
import { PracticeComment, PracticeEvent, PracticeReviewer } from './entities/review.entities.js';
import { PracticeAccess, type PracticeContext } from './practice-access.service.js';
import { PracticeDocuments } from './practice-documents.service.js';
import { PracticeLookups } from './practice-lookups.js';
import { attributionOf, presentPractice, presentQuote } from './practice.presenter.js';
import {
  diffSnapshots,
  emptyTexts,
  orderedLanguages,
  type PracticeSnapshot,
  snapshotOf,
  textsOf,
} from './practice-snapshot.js';
import { canOnPractice, canSeeAttribution } from './practices.policy.js';

/** The fields still empty that must be filled in before review (in the original language). */
export function missingFields(practice: Practice): PracticeField[] {
  const original = (practice.texts ?? []).find((t) => t.language === practice.originalLanguage);
  const texts = original ? textsOf(original) : emptyTexts();
  const missing: PracticeField[] = PRACTICE_REQUIRED_TO_SUBMIT.texts.filter(
    (field) => texts[field].trim().length < (field === 'title' ? 3 : 1),
  );
  for (const field of PRACTICE_REQUIRED_TO_SUBMIT.facts) {
    const empty =
      field === 'targetGroups'
        ? practice.targetGroups.length === 0
        : field === 'themes'
          ? (practice.themes ?? []).length === 0
          : field === 'evidenceLevel'
            ? practice.evidenceLevel === null
            : field === 'periodStart'
              ? practice.periodStart === null
              : false;
    if (empty) missing.push(field);
  }
  return missing;
}

@Injectable()
export class PracticeReader {
  constructor(
    private readonly access: PracticeAccess,
    private readonly lookups: PracticeLookups,
    private readonly sources: ProvenanceSources,
    private readonly documents: PracticeDocuments,
    @InjectRepository(PracticeVersion) private readonly versionRepo: Repository<PracticeVersion>,
    @InjectRepository(PracticeSource) private readonly sourceRepo: Repository<PracticeSource>,
    @InjectRepository(PracticeQuote) private readonly quoteRepo: Repository<PracticeQuote>,
    @InjectRepository(PracticeReviewer) private readonly reviewerRepo: Repository<PracticeReviewer>,
    @InjectRepository(PracticeComment) private readonly commentRepo: Repository<PracticeComment>,
    @InjectRepository(PracticeEvent) private readonly eventRepo: Repository<PracticeEvent>,
  ) {}

  /** What a reader gets at the entry's address: the published version, or a draft to its editors. */
  async read(actor: Actor | null, ref: string, lang: string | null): Promise<PracticeView> {
    const practice = await this.access.find(ref);
    if (!practice) throw new NotFoundError('Practice');
    const context = await this.access.context(actor, practice);
    if (canOnPractice(actor, 'read-published', context.facts, context.standing))
      return this.publishedView(actor, context, practice.currentVersion!, lang);
    if (canOnPractice(actor, 'read-working', context.facts, context.standing)) {
      const working = await this.workingSnapshot(practice);
      return this.view(actor, context, working, 'working', null, lang);
    }
    throw new NotFoundError('Practice');
  }

  async version(
    actor: Actor | null,
    ref: string,
    version: number,
    lang: string | null,
  ): Promise<PracticeView> {
    const context = await this.access.require(actor, ref, 'read-published');
    return this.publishedView(actor, context, version, lang);
  }

  async versions(actor: Actor | null, ref: string): Promise<PracticeVersionSummary[]> {
    const context = await this.access.require(actor, ref, 'read-published');
    const rows = await this.versionRepo.find({
      where: { practiceId: context.practice.id },
      order: { version: 'DESC' },
    });
    const named = await this.authorNamed(actor, context);
    const people = named ? await this.lookups.people(rows.map((r) => r.publishedById)) : new Map();
    return rows.map((row) => {
      const publisher = row.publishedById ? people.get(row.publishedById) : undefined;
      const original = row.snapshot.texts[row.snapshot.originalLanguage];
      return {
        version: row.version,
        title: original?.title ?? '',
        publishedAt: row.publishedAt.toISOString(),
        publishedBy: publisher ? presentPerson(publisher) : null,
      };
    });
  }

  /** Field by field. Versions are read like the entry; the working copy only by its editors and reviewers. */
  async diff(
    actor: Actor | null,
    ref: string,
    fromParam: string | undefined,
    toParam: string | undefined,
  ): Promise<PracticeDiff> {
    const practice = await this.access.find(ref);
    if (!practice) throw new NotFoundError('Practice');
    const context = await this.access.context(actor, practice);
    const published = canOnPractice(actor, 'read-published', context.facts, context.standing);
    const working = canOnPractice(actor, 'read-working', context.facts, context.standing);
    if (!published && !working) throw new NotFoundError('Practice');
    const parse = (value: string | undefined): number | 'working' | undefined =>
      value === undefined ? undefined : value === 'working' ? 'working' : Number(value);
    const to = parse(toParam) ?? practice.currentVersion ?? 'working';
    let from = parse(fromParam);
    if (from === undefined) from = to === 'working' ? (practice.currentVersion ?? 0) : to - 1;
    const load = async (which: number | 'working'): Promise<PracticeSnapshot | null> => {
      if (which === 'working') {
        if (!working) throw new NotFoundError('Working copy');
        return this.workingSnapshot(practice);
      }
      if (which === 0) return null;
      const row = await this.versionRepo.findOneBy({ practiceId: practice.id, version: which });
      if (!row) throw new NotFoundError(`Version ${which}`);
      return row.snapshot;
    };
    const [before, after] = await Promise.all([load(from), load(to)]);
    if (!after) throw new ValidationFailedError('to: a version number or "working"');
    const base: PracticeSnapshot = before ?? {
      ...after,
      texts: { [after.originalLanguage]: emptyTexts() },
      targetGroups: [],
      themes: [],
      cityIds: [],
      scale: null,
      periodStart: null,
      periodEnd: null,
      evidenceLevel: null,
      evaluationUrl: null,
      contact: { name: '', organisation: '', email: '' },
      exchangeId: null,
      sources: [],
      quoteIds: [],
    };
    const [themes, cities, exchanges] = await Promise.all([
      this.lookups.themes(),
      this.lookups.cities([...base.cityIds, ...after.cityIds]),
      this.lookups.exchanges([base.exchangeId, after.exchangeId]),
    ]);
    return {
      from: from === 0 ? 0 : from,
      to,
      fields: diffSnapshots(base, after, {
        theme: (slug) => themes.get(slug)?.label ?? slug,
        city: (id) => cities.get(id)?.name ?? id,
        exchange: (id) => (actor ? (exchanges.get(id)?.title ?? '') : ''),
      }),
    };
  }

  async working(actor: Actor, ref: string): Promise<PracticeWorkingView> {
    const context = await this.access.require(actor, ref, 'read-working');
    const { practice } = context;
    const snapshot = await this.workingSnapshot(practice);
    const base = await this.view(actor, context, snapshot, 'working', null, null);
    const [reviewers, comments] = await Promise.all([
      this.reviewerRepo.find({ where: { practiceId: practice.id }, order: { assignedAt: 'ASC' } }),
      this.commentRepo.find({ where: { practiceId: practice.id }, order: { createdAt: 'ASC' } }),
    ]);
    const people = await this.lookups.people([
      ...reviewers.map((r) => r.reviewerId),
      ...comments.map((c) => c.authorId),
    ]);
    const textsByLanguage = Object.fromEntries(
      orderedLanguages(practice.originalLanguage, Object.keys(snapshot.texts)).map((l) => [
        l,
        snapshot.texts[l]!,
      ]),
    );
    const {
      texts: _texts,
      language: _language,
      languageNote: _note,
      version: _version,
      copy: _copy,
      ...rest
    } = base;
    return {
      ...rest,
      copy: 'working',
      revision: practice.revision,
      exchangeId: practice.exchangeId,
      textsByLanguage,
      reviewers: reviewers.flatMap((r) => {
        const person = people.get(r.reviewerId);
        if (!person) return [];
        const current = r.decisionRevision === practice.revision;
        return [
          {
            person: presentPerson(person),
            decision: current ? r.decision : null,
            decidedAt: current ? (r.decidedAt?.toISOString() ?? null) : null,
          },
        ];
      }),
      comments: comments.flatMap((c) => {
        const person = people.get(c.authorId);
        return person
          ? [
              {
                id: c.id,
                field: c.field,
                language: c.language,
                body: c.body,
                author: presentPerson(person),
                revision: c.revision,
                createdAt: c.createdAt.toISOString(),
              },
            ]
          : [];
      }),
      missing: missingFields(practice),
      hidden: practice.hiddenAt !== null,
    };
  }

  async events(actor: Actor, ref: string): Promise<PracticeEventView[]> {
    const context = await this.access.require(actor, ref, 'read-working');
    const rows = await this.eventRepo.find({
      where: { practiceId: context.practice.id },
      order: { createdAt: 'ASC' },
    });
    const people = await this.lookups.people(rows.map((r) => r.actorId));
    return rows.map((row) => {
      const person = row.actorId ? people.get(row.actorId) : undefined;
      return {
        id: row.id,
        action: row.action,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        comment: row.comment,
        actor: person ? presentPerson(person) : null,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }

  /** The working copy as a snapshot (the same shape a published version stores). */
  async workingSnapshot(practice: Practice): Promise<PracticeSnapshot> {
    const [sources, quotes] = await Promise.all([
      this.sourceRepo.find({ where: { practiceId: practice.id }, order: { addedAt: 'ASC' } }),
      this.quoteRepo.find({
        where: { practiceId: practice.id },
        select: { id: true, status: true },
      }),
    ]);
    return snapshotOf(
      practice,
      sources.map((s) => ({ kind: s.kind, id: s.sourceId })),
      quotes.filter((q) => q.status !== 'declined').map((q) => q.id),
    );
  }

  private async publishedView(
    actor: Actor | null,
    context: PracticeContext,
    version: number,
    lang: string | null,
  ): Promise<PracticeView> {
    const row = await this.versionRepo.findOneBy({ practiceId: context.practice.id, version });
    if (!row) throw new NotFoundError(`Version ${version}`);
    return this.view(actor, context, row.snapshot, 'published', version, lang);
  }

  /** Whether this reader may know who wrote the entry (the published exchange's rule, or the working copy's). */
  private async authorNamed(actor: Actor | null, context: PracticeContext): Promise<boolean> {
    const exchangeId = context.practice.publishedExchangeId ?? context.practice.exchangeId;
    const exchange = await this.lookups.exchange(exchangeId);
    const role =
      exchangeId === context.practice.publishedExchangeId
        ? context.standing.publishedExchangeRole
        : context.workingExchangeRole;
    return canSeeAttribution(actor, exchange?.chathamHouse ?? false, role);
  }

  private async view(
    actor: Actor | null,
    context: PracticeContext,
    content: PracticeSnapshot,
    copy: 'published' | 'working',
    version: number | null,
    lang: string | null,
  ): Promise<PracticeView> {
    const { practice, facts, standing } = context;
    const exchangeId = copy === 'published' ? content.exchangeId : practice.exchangeId;
    const [themes, cities, exchange, quotes, attachments] = await Promise.all([
      this.lookups.themes(),
      this.lookups.cities(content.cityIds),
      this.lookups.exchange(exchangeId),
      content.quoteIds.length
        ? this.quoteRepo.find({
            where: { id: In(content.quoteIds) },
            order: { requestedAt: 'ASC' },
          })
        : Promise.resolve([]),
      this.documents.shownIn(practice.id, copy, content),
    ]);
    const exchangeRole =
      exchangeId && exchangeId === practice.publishedExchangeId
        ? standing.publishedExchangeRole
        : context.workingExchangeRole;
    const chathamHouse = exchange?.chathamHouse ?? false;
    const named = canSeeAttribution(actor, chathamHouse, exchangeRole);
    // Readers only ever see quotes their speaker agreed to; editors see where each request stands.
    const shownQuotes = quotes.filter((q) => copy === 'working' || q.status === 'accepted');
    const people = await this.lookups.people([
      practice.authorId,
      ...shownQuotes.map((q) => q.personId),
    ]);
    const quoteViews = await Promise.all(
      shownQuotes.map(async (quote) => {
        const role =
          actor && quote.exchangeId
            ? quote.exchangeId === exchangeId
              ? exchangeRole
              : await this.access.exchangeRole(quote.exchangeId, actor.id)
            : null;
        const quoteNamed = canSeeAttribution(actor, quote.chathamHouse, role);
        return presentQuote(quote, people.get(quote.personId) ?? null, quoteNamed);
      }),
    );
    const provenance = await this.provenance(actor, content.sources);
    const coordinator = actor !== null && hasNetworkRole(actor, 'coordinator');
    const can = (action: Parameters<typeof canOnPractice>[1]) =>
      canOnPractice(actor, action, facts, standing);
    return presentPractice({
      practice,
      content,
      copy,
      version,
      requestedLanguage: lang,
      themes,
      cities,
      exchange: exchange && actor ? { id: exchange.id, title: exchange.title } : null,
      chathamHouse,
      author: attributionOf(people.get(practice.authorId) ?? null, named),
      provenance,
      quotes: quoteViews,
      attachments,
      can: {
        edit: can('edit'),
        submit: can('submit'),
        review: can('review'),
        publish: can('publish'),
        archive: can('archive'),
        assignReviewers: can('assign-reviewers'),
        viewWorkingCopy: can('read-working'),
        delete: can('delete'),
        makePublic: coordinator,
        moderate: can('moderate'),
        attach: can('edit'),
      },
    });
  }

  private async provenance(
    actor: Actor | null,
    sources: PracticeSnapshot['sources'],
  ): Promise<ProvenanceLinkView[]> {
    return Promise.all(
      sources.map(async ({ kind, id }) => {
        const described = await this.sources.describe(kind, actor, id);
        return described
          ? {
              kind,
              id,
              visible: true,
              title: described.title,
              excerpt: described.excerpt.slice(0, 300),
              url: described.url,
            }
          : { kind, id, visible: false, title: null, excerpt: null, url: null };
      }),
    );
  }
}
