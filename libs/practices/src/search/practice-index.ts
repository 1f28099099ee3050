// Keeps the search index in step with what readers may find: one row per published, visible
// entry, written in the transaction that publishes it, removed when it is archived or hidden.
// The vocabulary of titles and summaries is counted per scope of readers, so a word leaves a
// scope with the last entry there that had it.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PRACTICE_TEXT_FIELDS, type PracticeTexts } from '#libs/contracts';
import { glossaryIndex } from '../glossary/glossary.js';
import type { PracticeSnapshot } from '../practice-snapshot.js';
import { SEARCH_CONFIGS, slotOf, type SearchSlot } from './query-plan.js';

/** What the index needs besides the snapshot: facts resolved at publication. */
export interface IndexFacts {
  practiceId: string;
  slug: string;
  publishedAt: Date;
  countries: string[];
  regions: string[];
}

const BODY_FIELDS = PRACTICE_TEXT_FIELDS.filter((f) => f !== 'title' && f !== 'summary');

/** Markdown as plain words: what is searched and shown in snippets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>~|]+/g, ' ')
    .replace(/^\s*[-+]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function bodyOf(texts: PracticeTexts): string {
  return BODY_FIELDS.map((f) => plainText(texts[f]))
    .filter(Boolean)
    .join(' \n ');
}

/** The SQL expression of the term scope of an index row (see termScopeOf in the policy). */
const SCOPE_OF_ROW = `CASE s.visibility WHEN 'exchange' THEN 'x:' || s.exchange_id::text ELSE s.visibility END`;

/**
 * What index rows (`s`) add to practice_facet_counts, one line per row, scope, and facet value or
 * pair of values (a < b; '' = any entry). Narrow it with `AND …` on `s`; group to count.
 */
export const FACET_PAIRS_OF_ROWS = `
  SELECT ${SCOPE_OF_ROW} AS scope, x AS a, y AS b
    FROM practice_search s
         CROSS JOIN LATERAL unnest('{""}'::text[] || s.facet_values) AS x
         CROSS JOIN LATERAL unnest('{""}'::text[] || s.facet_values) AS y
   WHERE (x < y OR (x = '' AND y = ''))`;

@Injectable()
export class PracticeIndex implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The glossary's words are known to every reader: typos are corrected towards them too. */
  async onModuleInit(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO practice_terms (scope, term, docs)
       SELECT 'glossary', w, 1 FROM unnest($1::text[]) AS w
       ON CONFLICT (scope, term) DO NOTHING`,
      [glossaryIndex.words().filter((w) => w.length >= 3 && w.length <= 100)],
    );
  }

  /** Writes (or rewrites) an entry's row from its published snapshot. */
  async put(snapshot: PracticeSnapshot, facts: IndexFacts, manager: EntityManager): Promise<void> {
    await this.forgetTerms(facts.practiceId, manager);
    await this.countFacets(facts.practiceId, -1, manager);
    const { sql, params } = indexStatement(snapshot, facts);
    await manager.query(sql, params);
    await this.countFacets(facts.practiceId, 1, manager);
    const words = wordsStatement(snapshot, facts);
    await manager.query(words.sql, words.params);
    await manager.query(
      `INSERT INTO practice_terms (scope, term, docs)
       SELECT ${SCOPE_OF_ROW}, w, 1
         FROM practice_search s JOIN practice_search_words sw ON sw.practice_id = s.practice_id
              CROSS JOIN LATERAL unnest(sw.words) AS w
        WHERE s.practice_id = $1
        ORDER BY w
       ON CONFLICT (scope, term) DO UPDATE SET docs = practice_terms.docs + 1`,
      [facts.practiceId],
    );
  }

  /** Takes an entry out of the library's search (archived, hidden, deleted). */
  async remove(practiceId: string, manager: EntityManager): Promise<void> {
    await this.forgetTerms(practiceId, manager);
    await this.countFacets(practiceId, -1, manager);
    await manager.query('DELETE FROM practice_search WHERE practice_id = $1', [practiceId]);
    await manager.query('DELETE FROM practice_search_words WHERE practice_id = $1', [practiceId]);
  }

  /**
   * Adds (1) or takes away (-1) an index row's facet values and pairs of values in the listing's
   * counts (practice_facet_counts); nothing when the row does not exist. Locks rows in key order,
   * so two publications never deadlock.
   */
  private async countFacets(practiceId: string, sign: 1 | -1, manager: EntityManager) {
    await manager.query(
      `INSERT INTO practice_facet_counts (scope, a, b, n)
       SELECT p.scope, p.a, p.b, $2::int * count(*)::int
         FROM (${FACET_PAIRS_OF_ROWS} AND s.practice_id = $1) p
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
       ON CONFLICT (scope, a, b) DO UPDATE SET n = practice_facet_counts.n + EXCLUDED.n`,
      [practiceId, sign],
    );
  }

  private async forgetTerms(practiceId: string, manager: EntityManager): Promise<void> {
    const rows = (await manager.query(
      `UPDATE practice_terms t SET docs = t.docs - 1
         FROM (SELECT ${SCOPE_OF_ROW} AS scope, w AS term
                 FROM practice_search s JOIN practice_search_words sw ON sw.practice_id = s.practice_id
                      CROSS JOIN LATERAL unnest(sw.words) AS w
                WHERE s.practice_id = $1) o
        WHERE t.scope = o.scope AND t.term = o.term
       RETURNING t.scope, t.term, t.docs`,
      [practiceId],
    )) as [Array<{ scope: string; term: string; docs: number }>, number];
    const gone = rows[0].filter((r) => r.docs <= 0 && r.scope !== 'glossary');
    if (gone.length > 0)
      await manager.query(
        `DELETE FROM practice_terms t USING unnest($1::text[], $2::text[]) AS g(scope, term)
          WHERE t.scope = g.scope AND t.term = g.term AND t.docs <= 0`,
        [gone.map((g) => g.scope), gone.map((g) => g.term)],
      );
  }
}

/**
 * The INSERT … ON CONFLICT of one index row. Each language's text becomes a weighted tsvector
 * (title A, summary B, the rest C) parsed with that language's configuration; languages without
 * their own stemmer share the `other` column, parsed as they are.
 */
export function indexStatement(
  snapshot: PracticeSnapshot,
  facts: IndexFacts,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const bySlot = new Map<SearchSlot, string[]>();
  const heads: string[] = [];
  const stored: Record<string, { title: string; summary: string; body: string }> = {};
  for (const [language, texts] of Object.entries(snapshot.texts)) {
    const slot = slotOf(language);
    const config = SEARCH_CONFIGS[slot];
    const summary = plainText(texts.summary);
    const body = bodyOf(texts);
    const title = p(texts.title);
    const summaryParam = p(summary);
    const head = `setweight(to_tsvector('${config}', ${title}), 'A') || setweight(to_tsvector('${config}', ${summaryParam}), 'B')`;
    heads.push(head);
    bySlot.set(slot, [
      ...(bySlot.get(slot) ?? []),
      `${head} || setweight(to_tsvector('${config}', ${p(body)}), 'C')`,
    ]);
    // Snippets come from the summary and the rest: without a match there, the summary leads.
    stored[language] = {
      title: texts.title,
      summary: texts.summary,
      body: [summary, body].filter(Boolean).join(' \n '),
    };
  }
  const tsv = (slot: SearchSlot) => {
    const parts = bySlot.get(slot);
    return parts ? parts.join(' || ') : 'NULL';
  };
  const sql = `
    INSERT INTO practice_search (practice_id, slug, original_language, languages, visibility, exchange_id,
      themes, target_groups, city_ids, countries, regions, evidence_level, published_at,
      head_tsv, tsv_en, tsv_fr, tsv_nl, tsv_de, tsv_other, texts)
    VALUES (${p(facts.practiceId)}, ${p(facts.slug)}, ${p(snapshot.originalLanguage)},
      ${p(Object.keys(snapshot.texts))}::text[], ${p(snapshot.visibility)}, ${p(snapshot.exchangeId)}::uuid,
      ${p(snapshot.themes)}::text[], ${p(snapshot.targetGroups)}::text[], ${p(snapshot.cityIds)}::uuid[],
      ${p(facts.countries)}::text[], ${p(facts.regions)}::text[], ${p(snapshot.evidenceLevel)},
      ${p(facts.publishedAt)}, ${heads.join(' || ')},
      ${tsv('en')}, ${tsv('fr')}, ${tsv('nl')}, ${tsv('de')}, ${tsv('other')},
      ${p(JSON.stringify(stored))}::jsonb)
    ON CONFLICT (practice_id) DO UPDATE SET
      slug = EXCLUDED.slug, original_language = EXCLUDED.original_language,
      languages = EXCLUDED.languages, visibility = EXCLUDED.visibility,
      exchange_id = EXCLUDED.exchange_id, themes = EXCLUDED.themes,
      target_groups = EXCLUDED.target_groups, city_ids = EXCLUDED.city_ids,
      countries = EXCLUDED.countries, regions = EXCLUDED.regions,
      evidence_level = EXCLUDED.evidence_level, published_at = EXCLUDED.published_at,
      head_tsv = EXCLUDED.head_tsv, tsv_en = EXCLUDED.tsv_en, tsv_fr = EXCLUDED.tsv_fr,
      tsv_nl = EXCLUDED.tsv_nl, tsv_de = EXCLUDED.tsv_de, tsv_other = EXCLUDED.tsv_other,
      texts = EXCLUDED.texts`;
  return { sql, params };
}

/**
 * The words of an entry's titles and summaries (all its languages, unstemmed), kept beside its
 * index row rather than in it: only publication and typo correction read them, and out of the
 * row they keep the heap that every search scans small.
 */
export function wordsStatement(
  snapshot: PracticeSnapshot,
  facts: IndexFacts,
): { sql: string; params: unknown[] } {
  const headText = Object.values(snapshot.texts).flatMap((texts) => [
    texts.title,
    plainText(texts.summary),
  ]);
  return {
    sql: `
    INSERT INTO practice_search_words (practice_id, words)
    VALUES ($1, ARRAY(SELECT w FROM unnest(tsvector_to_array(to_tsvector('${SEARCH_CONFIGS.other}', $2))) AS w
                       WHERE length(w) BETWEEN 3 AND 100 ORDER BY w))
    ON CONFLICT (practice_id) DO UPDATE SET words = EXCLUDED.words`,
    params: [facts.practiceId, headText.join(' ')],
  };
}
