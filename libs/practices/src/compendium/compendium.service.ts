// A compendium: published entries chosen by hand or by filter, each in the chosen language where
// it has been translated, with its evidence and provenance, under the attribution rules: an
// entry from a Chatham House exchange names no person (and no city of a person) beyond what its
// author wrote into the entry itself. Exchange-only entries never go into a compendium.
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import {
  type CompendiumAudience,
  type CompendiumFormat,
  PRACTICE_LIMITS,
  PRACTICE_TEXT_FIELDS,
  type SearchLanguage,
} from '#libs/contracts';
import {
  type Actor,
  DomainError,
  ProvenanceSources,
  RateLimitedError,
  ValidationFailedError,
} from '#libs/common';
import type { CompendiumDto } from '../dto/review.dto.js';
import { Practice } from '../entities/practice.entity.js';
import { PracticeVersion } from '../entities/practice-version.entity.js';
import { PracticeQuote } from '../entities/provenance.entities.js';
import { PracticeLookups } from '../practice-lookups.js';
import { attributionOf } from '../practice.presenter.js';
import { belongsInCompendium, canExportCompendium } from '../practices.policy.js';
import { PracticeSearch } from '../search/practice-search.service.js';
import { searchStatement, type SearchRow } from '../search/search-sql.js';
import { COMPENDIUM_LABELS, type CompendiumLabels } from './labels.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';

/** Compendiums made at the same time on one node, at most. */
const MAX_EXPORTS_AT_ONCE = 2;

export interface CompendiumEntry {
  id: string;
  title: string;
  note: string | null;
  meta: Array<[label: string, value: string]>;
  sections: Array<{ heading: string; markdown: string }>;
  contact: string | null;
  submittedBy: string | null;
  provenance: string[];
  quotes: Array<{ text: string; attribution: string }>;
}

export interface Compendium {
  title: string;
  subtitle: string;
  language: SearchLanguage;
  labels: CompendiumLabels;
  entries: CompendiumEntry[];
}

export interface CompendiumFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

@Injectable()
export class CompendiumService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Practice) private readonly practices: Repository<Practice>,
    @InjectRepository(PracticeVersion) private readonly versions: Repository<PracticeVersion>,
    @InjectRepository(PracticeQuote) private readonly quotes: Repository<PracticeQuote>,
    private readonly search: PracticeSearch,
    private readonly lookups: PracticeLookups,
    private readonly sources: ProvenanceSources,
  ) {}

  /** Who is exporting now: a compendium is heavy work, one at a time per person, two in all. */
  private readonly running = new Set<string>();

  async export(actor: Actor, input: CompendiumDto): Promise<CompendiumFile> {
    if (!canExportCompendium(actor))
      throw new DomainError('FORBIDDEN', 403, 'Only coordinators export a compendium.');
    if (this.running.has(actor.id) || this.running.size >= MAX_EXPORTS_AT_ONCE)
      throw new RateLimitedError(
        5,
        'A compendium is being made; try again in a few seconds when it is ready.',
      );
    this.running.add(actor.id);
    try {
      return await this.make(actor, input);
    } finally {
      this.running.delete(actor.id);
    }
  }

  private async make(actor: Actor, input: CompendiumDto): Promise<CompendiumFile> {
    const audience = input.audience ?? 'network';
    const ids = input.ids?.length
      ? await this.checkChosen(input.ids, audience)
      : await this.byFilter(input, audience);
    const compendium = await this.build(actor, ids, input.language, input.title ?? null);
    const stamp = new Date().toISOString().slice(0, 10);
    return render(compendium, input.format, stamp);
  }

  /** Hand-picked entries: each must be published, in the library, and allowed to travel. */
  private async checkChosen(ids: string[], audience: CompendiumAudience): Promise<string[]> {
    const rows = await this.practices.find({
      where: { id: In(ids) },
      select: {
        id: true,
        currentVersion: true,
        publishedVisibility: true,
        hiddenAt: true,
        status: true,
      },
      loadEagerRelations: false,
    });
    const problems: Array<{ field: string; problems: string[] }> = [];
    ids.forEach((id, i) => {
      const row = rows.find((r) => r.id === id);
      if (!row || row.currentVersion === null || row.hiddenAt || row.status === 'archived')
        problems.push({ field: `ids.${i}`, problems: ['not a published entry of the library'] });
      else if (!belongsInCompendium(row.publishedVisibility!, audience))
        problems.push({
          field: `ids.${i}`,
          problems: [
            row.publishedVisibility === 'exchange'
              ? 'exchange-only entries never go into a compendium'
              : 'a public compendium takes public entries only',
          ],
        });
    });
    if (problems.length > 0)
      throw new ValidationFailedError('ids: some entries cannot go into this compendium', problems);
    return ids;
  }

  /** Every entry matching the filter that may travel to this audience, newest first. */
  private async byFilter(input: CompendiumDto, audience: CompendiumAudience): Promise<string[]> {
    // The audience is the scope: never the coordinator's own (which reaches exchange entries).
    const scope =
      audience === 'public' ? { kind: 'public' as const } : { kind: 'network' as const };
    const filter = input.filter ?? {};
    const query = await this.search.compile(filter.q);
    if (filter.q && !query) return [];
    const { page } = searchStatement({
      scope,
      query,
      filters: filter,
      preferredLanguage: input.language,
      offset: 0,
      limit: PRACTICE_LIMITS.compendiumMax,
    });
    const [row] = (await this.dataSource.query(page.sql, page.params)) as [
      Pick<SearchRow, 'items'>,
    ];
    return row.items.map((i) => i.practice_id);
  }

  async build(
    actor: Actor,
    ids: string[],
    language: SearchLanguage,
    title: string | null,
  ): Promise<Compendium> {
    const labels = COMPENDIUM_LABELS[language];
    const practices = ids.length ? await this.practices.find({ where: { id: In(ids) } }) : [];
    const byId = new Map(practices.map((p) => [p.id, p]));
    // (An empty `where` list would match every row: no entries, no versions.)
    const versions = practices.length
      ? await this.versions.find({
          where: practices.map((p) => ({ practiceId: p.id, version: p.currentVersion! })),
        })
      : [];
    const snapshots = new Map(versions.map((v) => [v.practiceId, v.snapshot]));
    const allQuoteIds = versions.flatMap((v) => v.snapshot.quoteIds);
    const [themes, cities, exchanges, quotes] = await Promise.all([
      this.lookups.themes(),
      this.lookups.cities(versions.flatMap((v) => v.snapshot.cityIds)),
      this.lookups.exchanges(versions.map((v) => v.snapshot.exchangeId)),
      allQuoteIds.length
        ? this.quotes.find({ where: { id: In(allQuoteIds), status: 'accepted' } })
        : Promise.resolve([]),
    ]);
    const people = await this.lookups.people([
      ...practices.map((p) => p.authorId),
      ...quotes.map((q) => q.personId),
    ]);
    const entries: CompendiumEntry[] = [];
    for (const id of ids) {
      const practice = byId.get(id);
      const snapshot = snapshots.get(id);
      if (!practice || !snapshot) continue;
      const exchange = snapshot.exchangeId ? exchanges.get(snapshot.exchangeId) : undefined;
      const chathamHouse = exchange?.chathamHouse ?? false;
      const shown = snapshot.texts[language] ? language : snapshot.originalLanguage;
      const texts = snapshot.texts[shown]!;
      const meta: CompendiumEntry['meta'] = [];
      const cityNames = snapshot.cityIds.flatMap((c) => cities.get(c)?.name ?? []);
      if (cityNames.length) meta.push([labels.cities, cityNames.join(', ')]);
      if (snapshot.scale) meta.push([labels.scale, labels.scales[snapshot.scale]]);
      if (snapshot.periodStart)
        meta.push([
          labels.period,
          `${snapshot.periodStart} – ${snapshot.periodEnd ?? labels.ongoing}`,
        ]);
      if (snapshot.themes.length)
        meta.push([
          labels.themes,
          snapshot.themes.map((s) => themes.get(s)?.label ?? s).join(', '),
        ]);
      if (snapshot.targetGroups.length)
        meta.push([
          labels.targetGroups,
          snapshot.targetGroups.map((g) => labels.targetGroupNames[g]).join(', '),
        ]);
      meta.push([
        labels.evidence,
        snapshot.evidenceLevel ? labels.evidenceLevels[snapshot.evidenceLevel] : '—',
      ]);
      if (snapshot.evaluationUrl) meta.push([labels.evaluationLink, snapshot.evaluationUrl]);
      meta.push([labels.language, labels.languageNames[shown] ?? shown]);
      const sections = PRACTICE_TEXT_FIELDS.filter((f) => f !== 'title' && texts[f].trim()).map(
        (f) => ({ heading: labels.sections[f as Exclude<typeof f, 'title'>], markdown: texts[f] }),
      );
      const contact = [snapshot.contact.name, snapshot.contact.organisation, snapshot.contact.email]
        .filter(Boolean)
        .join(', ');
      // Chatham House: the author is not named (their contact details appear only if they wrote them in).
      const author = chathamHouse ? null : (people.get(practice.authorId) ?? null);
      const provenance: string[] = [];
      if (chathamHouse) provenance.push(labels.chathamHouse);
      else {
        if (exchange) provenance.push(labels.fromExchange(exchange.title));
        for (const source of snapshot.sources.filter((s) => s.kind === 'session')) {
          // Described as the coordinator sees it; only the session's title is printed.
          const described = await this.sources.describe('session', actor, source.id);
          if (described) provenance.push(labels.fromSession(described.title));
        }
      }
      entries.push({
        id,
        title: texts.title,
        note: shown !== language ? labels.onlyIn(labels.languageNames[shown] ?? shown) : null,
        meta,
        sections,
        contact: contact || null,
        submittedBy: author ? attributionOf(author, true).text : null,
        provenance,
        quotes: quotes
          .filter((q) => snapshot.quoteIds.includes(q.id))
          .map((q) => {
            const person = people.get(q.personId) ?? null;
            const neutral = chathamHouse || q.chathamHouse;
            return {
              text: q.text,
              attribution: neutral
                ? labels.neutral(person?.city?.region ?? null)
                : attributionOf(person, true).text,
            };
          }),
      });
    }
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(),
    );
    return {
      title: title ?? labels.defaultTitle,
      subtitle: labels.subtitle(entries.length, date),
      language,
      labels,
      entries,
    };
  }
}

async function render(
  compendium: Compendium,
  format: CompendiumFormat,
  stamp: string,
): Promise<CompendiumFile> {
  if (format === 'markdown')
    return {
      body: Buffer.from(renderMarkdown(compendium), 'utf8'),
      contentType: 'text/markdown; charset=utf-8',
      fileName: `crossings-compendium-${compendium.language}-${stamp}.md`,
    };
  return {
    body: await renderPdf(compendium),
    contentType: 'application/pdf',
    fileName: `crossings-compendium-${compendium.language}-${stamp}.pdf`,
  };
}
