// The search answer as the API gives it: items with their themes and cities named, facet
// values labelled, matched words in snippets marked as parts (never as HTML), and an offset
// cursor (ranked results have no stable key to page by).
import { Injectable } from '@nestjs/common';
import {
  type EvidenceLevel,
  type FacetCount,
  PRACTICE_FACETS,
  type PracticeFacets,
  type PracticeSearchItem,
  type PracticeSearchResult,
  type SnippetPart,
  type TargetGroup,
} from '#libs/contracts';
import { type Actor, ValidationFailedError } from '#libs/common';
import { countryName } from '#libs/cities';
import type { SearchPracticesQuery } from '../dto/review.dto.js';
import { PracticeLookups } from '../practice-lookups.js';
import { MAX_SEARCH_OFFSET, PracticeSearch } from './practice-search.service.js';
import { MATCH_END, MATCH_START } from './search-sql.js';

export const DEFAULT_PAGE = 20;

/** localeCompare's order, from one collator: localeCompare builds one per call (a city facet's sort took 0.2 ms). */
const byLabel = new Intl.Collator().compare;

export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    if (
      typeof offset === 'number' &&
      Number.isInteger(offset) &&
      offset >= 0 &&
      offset <= MAX_SEARCH_OFFSET
    )
      return offset;
  } catch {
    // fall through to the typed error
  }
  throw new ValidationFailedError('cursor: not a cursor this API gave out');
}

/** "a \uE000match\uE001 here" → [{a }, {match, match: true}, { here}]. */
export function snippetParts(text: string | null): SnippetPart[] {
  if (!text) return [];
  const parts: SnippetPart[] = [];
  for (const piece of text.split(MATCH_START)) {
    const end = piece.indexOf(MATCH_END);
    if (end < 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), match: true });
    if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), match: false });
  }
  return parts.map((p) => ({
    ...p,
    text: p.text.replaceAll(MATCH_START, '').replaceAll(MATCH_END, ''),
  }));
}

@Injectable()
export class SearchResults {
  constructor(
    private readonly practiceSearch: PracticeSearch,
    private readonly lookups: PracticeLookups,
  ) {}

  async search(actor: Actor | null, query: SearchPracticesQuery): Promise<PracticeSearchResult> {
    const offset = decodeOffset(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE;
    const { row, expansions } = await this.practiceSearch.search(actor, {
      ...query,
      offset,
      limit,
      preferredLanguage: query.lang ?? null,
    });
    const cityIds = [
      ...row.items.flatMap((i) => i.city_ids),
      ...row.facets.filter(([facet]) => facet === 'city').map(([, value]) => value),
    ];
    const [themes, cities] = await Promise.all([
      this.lookups.themes(),
      this.lookups.cities(cityIds),
    ]);
    const facets = Object.fromEntries(
      PRACTICE_FACETS.map((f) => [f, [] as FacetCount[]]),
    ) as PracticeFacets;
    for (const [facet, value, count] of row.facets) {
      const label =
        facet === 'theme'
          ? (themes.get(value)?.label ?? value)
          : facet === 'city'
            ? (cities.get(value)?.name ?? value)
            : facet === 'country'
              ? countryName(value)
              : value;
      facets[facet].push({ value, label, count });
    }
    for (const facet of PRACTICE_FACETS)
      facets[facet].sort((a, b) => b.count - a.count || byLabel(a.label, b.label));
    const items: PracticeSearchItem[] = row.items.map((item) => ({
      id: item.practice_id,
      slug: item.slug,
      title: item.title,
      summary: item.summary,
      language: item.language,
      originalLanguage: item.original_language,
      languages: item.languages,
      evidenceLevel: item.evidence_level as EvidenceLevel | null,
      visibility: item.visibility,
      themes: item.themes.flatMap((slug) => themes.get(slug) ?? []),
      cities: item.city_ids.flatMap((id) => cities.get(id) ?? []),
      targetGroups: item.target_groups as TargetGroup[],
      publishedAt: new Date(item.published_at).toISOString(),
      snippet: snippetParts(item.snippet),
    }));
    const next = offset + items.length;
    return {
      items,
      nextCursor:
        items.length === limit && next < row.total && next <= MAX_SEARCH_OFFSET
          ? encodeOffset(next)
          : null,
      total: row.total,
      facets,
      expansions,
    };
  }
}
