// An entry's content as one plain value: what a published version stores, what the working copy
// is compared with, and what the diff walks field by field. Ids and slugs only, never names, so
// an erased person leaves no trace in a stored version.
import { diffWords } from 'diff';
import {
  type EvidenceLevel,
  type FieldDiff,
  PRACTICE_TEXT_FIELDS,
  PROVENANCE_KINDS,
  type PracticeContact,
  type PracticeField,
  type PracticeScale,
  type PracticeTexts,
  type PracticeVisibility,
  type ProvenanceKind,
  type TargetGroup,
} from '#libs/contracts';
import type { Practice } from './entities/practice.entity.js';
import type { PracticeText } from './entities/practice-text.entity.js';

export interface PracticeSnapshot {
  originalLanguage: string;
  /** Texts per language, the original first. */
  texts: Record<string, PracticeTexts>;
  targetGroups: TargetGroup[];
  /** Theme slugs. */
  themes: string[];
  cityIds: string[];
  scale: PracticeScale | null;
  periodStart: string | null;
  periodEnd: string | null;
  evidenceLevel: EvidenceLevel | null;
  evaluationUrl: string | null;
  contact: PracticeContact;
  visibility: PracticeVisibility;
  exchangeId: string | null;
  sources: Array<{ kind: ProvenanceKind; id: string }>;
  /** The quotes it shows (each only while its speaker's yes stands). */
  quoteIds: string[];
  /**
   * The documents it was published with (files attached to the entry); absent from versions
   * published before documents existed and from the working copy (which shows all it has).
   */
  attachmentIds?: string[];
}

export const emptyTexts = (): PracticeTexts =>
  Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, ''])) as PracticeTexts;

export function textsOf(row: PracticeText): PracticeTexts {
  const texts = emptyTexts();
  for (const field of PRACTICE_TEXT_FIELDS) texts[field] = row[field] ?? '';
  return texts;
}

/** The languages of an entry, the original first, then the others alphabetically. */
export function orderedLanguages(original: string, languages: Iterable<string>): string[] {
  const rest = [...new Set(languages)].filter((l) => l !== original).sort();
  return [original, ...rest];
}

export function snapshotOf(
  practice: Practice,
  sources: Array<{ kind: ProvenanceKind; id: string }>,
  quoteIds: string[],
): PracticeSnapshot {
  const texts: Record<string, PracticeTexts> = {};
  const byLanguage = new Map((practice.texts ?? []).map((t) => [t.language, t]));
  for (const language of orderedLanguages(practice.originalLanguage, byLanguage.keys())) {
    const row = byLanguage.get(language);
    texts[language] = row ? textsOf(row) : emptyTexts();
  }
  return {
    originalLanguage: practice.originalLanguage,
    texts,
    targetGroups: [...practice.targetGroups].sort(),
    themes: (practice.themes ?? []).map((t) => t.slug).sort(),
    cityIds: (practice.cities ?? []).map((c) => c.id).sort(),
    scale: practice.scale,
    periodStart: practice.periodStart,
    periodEnd: practice.periodEnd,
    evidenceLevel: practice.evidenceLevel,
    evaluationUrl: practice.evaluationUrl,
    contact: {
      name: practice.contactName,
      organisation: practice.contactOrganisation,
      email: practice.contactEmail,
    },
    visibility: practice.visibility,
    exchangeId: practice.exchangeId,
    // The exchange first, then its sessions, threads, posts and messages.
    sources: [...sources].sort(
      (a, b) =>
        PROVENANCE_KINDS.indexOf(a.kind) - PROVENANCE_KINDS.indexOf(b.kind) ||
        a.id.localeCompare(b.id),
    ),
    quoteIds: [...quoteIds].sort(),
  };
}

/** How facts read in a diff: labels for theme slugs, city ids and the exchange. */
export interface DiffLabels {
  theme(slug: string): string;
  city(id: string): string;
  exchange(id: string): string;
}

function factText(snapshot: PracticeSnapshot, field: PracticeField, labels: DiffLabels): string {
  switch (field) {
    case 'targetGroups':
      return snapshot.targetGroups.join(', ');
    case 'themes':
      return snapshot.themes.map((s) => labels.theme(s)).join(', ');
    case 'cities':
      return snapshot.cityIds.map((id) => labels.city(id)).join(', ');
    case 'contact':
      return [snapshot.contact.name, snapshot.contact.organisation, snapshot.contact.email]
        .filter(Boolean)
        .join(', ');
    case 'exchange':
      return snapshot.exchangeId ? labels.exchange(snapshot.exchangeId) : '';
    case 'scale':
    case 'periodStart':
    case 'periodEnd':
    case 'evidenceLevel':
    case 'evaluationUrl':
    case 'visibility':
    case 'originalLanguage':
      return snapshot[field] ?? '';
    default:
      return '';
  }
}

const FACTS_IN_ORDER: PracticeField[] = [
  'originalLanguage',
  'visibility',
  'exchange',
  'themes',
  'targetGroups',
  'cities',
  'scale',
  'periodStart',
  'periodEnd',
  'evidenceLevel',
  'evaluationUrl',
  'contact',
];

/**
 * Field by field, from `before` to `after`: every text of every language either has (a language
 * added or removed compares with the empty text), then the facts. Texts are compared word by word.
 */
export function diffSnapshots(
  before: PracticeSnapshot,
  after: PracticeSnapshot,
  labels: DiffLabels,
): FieldDiff[] {
  const languages = orderedLanguages(after.originalLanguage, [
    ...Object.keys(after.texts),
    ...Object.keys(before.texts),
  ]);
  const diffs: FieldDiff[] = [];
  for (const language of languages) {
    for (const field of PRACTICE_TEXT_FIELDS) {
      const a = before.texts[language]?.[field] ?? '';
      const b = after.texts[language]?.[field] ?? '';
      diffs.push({
        field,
        language,
        changed: a !== b,
        before: a,
        after: b,
        segments:
          a === b
            ? [{ op: 'equal', text: a }]
            : diffWords(a, b).map((part) => ({
                op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
                text: part.value,
              })),
      });
    }
  }
  for (const field of FACTS_IN_ORDER) {
    const a = factText(before, field, labels);
    const b = factText(after, field, labels);
    diffs.push({ field, language: null, changed: a !== b, before: a, after: b, segments: [] });
  }
  return diffs;
}
