// Turns entries, versions and quotes into what the API answers, for one reader: names only where
// the attribution rule lets that reader know them, texts in the reader's language where the
// entry has it.
import type {
  AttachmentView,
  CitySummary,
  ExchangeLink,
  NeutralAttribution,
  PersonSummary,
  PracticeAbilities,
  PracticeListItem,
  PracticeQuoteView,
  PracticeView,
  ProvenanceLinkView,
  ThemeView,
} from '#libs/contracts';
import { type Practitioner, presentPerson } from '#libs/practitioners';
import type { Practice } from './entities/practice.entity.js';
import type { PracticeQuote } from './entities/provenance.entities.js';
import {
  emptyTexts,
  orderedLanguages,
  type PracticeSnapshot,
  textsOf,
} from './practice-snapshot.js';

const REGION_WORDS: Record<string, string> = {
  europe: 'a European city',
  'north-america': 'a North American city',
  other: 'a city',
};

/** How a person is named to a reader: in full, or (Chatham House, outside) by region only. */
export function attributionOf(
  person: Practitioner | null,
  named: boolean,
): { text: string; neutral: NeutralAttribution | null; person: PersonSummary | null } {
  if (!person) return { text: 'a participant', neutral: { region: null }, person: null };
  if (!named) {
    const region = person.city?.region ?? null;
    return {
      text: region ? `a participant from ${REGION_WORDS[region]}` : 'a participant',
      neutral: { region },
      person: null,
    };
  }
  const parts = [person.displayName, person.position, person.city?.name].filter(Boolean);
  return { text: parts.join(', '), neutral: null, person: presentPerson(person) };
}

export function presentQuote(
  quote: PracticeQuote,
  person: Practitioner | null,
  named: boolean,
): PracticeQuoteView {
  const attribution = attributionOf(person, named);
  return {
    id: quote.id,
    sourceKind: quote.sourceKind,
    sourceId: quote.sourceId,
    text: quote.text,
    attribution: attribution.text,
    neutralAttribution: attribution.neutral,
    person: attribution.person,
    status: quote.status,
    requestedAt: quote.requestedAt.toISOString(),
    decidedAt: quote.decidedAt?.toISOString() ?? null,
  };
}

/** The language a reader gets: theirs when the copy has it, else the original (with a note). */
export function chooseLanguage(
  languages: string[],
  original: string,
  requested: string | null,
): { language: string; note: PracticeView['languageNote'] } {
  if (!requested || requested === original) return { language: original, note: null };
  if (languages.includes(requested)) return { language: requested, note: 'translated' };
  return { language: original, note: 'original' };
}

export interface ViewParts {
  practice: Practice;
  content: PracticeSnapshot;
  copy: 'published' | 'working';
  version: number | null;
  requestedLanguage: string | null;
  themes: Map<string, ThemeView>;
  cities: Map<string, CitySummary>;
  exchange: ExchangeLink | null;
  chathamHouse: boolean;
  author: { text: string; neutral: NeutralAttribution | null; person: PersonSummary | null };
  provenance: ProvenanceLinkView[];
  quotes: PracticeQuoteView[];
  attachments: AttachmentView[];
  can: PracticeAbilities;
}

export function presentPractice(parts: ViewParts): PracticeView {
  const { practice, content } = parts;
  const languages = orderedLanguages(content.originalLanguage, Object.keys(content.texts));
  const { language, note } = chooseLanguage(
    languages,
    content.originalLanguage,
    parts.requestedLanguage,
  );
  return {
    id: practice.id,
    slug: practice.slug,
    status: practice.status,
    copy: parts.copy,
    version: parts.version,
    currentVersion: practice.currentVersion,
    language,
    originalLanguage: content.originalLanguage,
    languageNote: note,
    languages,
    texts: content.texts[language] ?? emptyTexts(),
    targetGroups: content.targetGroups,
    themes: content.themes.flatMap((slug) => parts.themes.get(slug) ?? []),
    cities: content.cityIds.flatMap((id) => parts.cities.get(id) ?? []),
    scale: content.scale,
    periodStart: content.periodStart,
    periodEnd: content.periodEnd,
    evidenceLevel: content.evidenceLevel,
    evaluationUrl: content.evaluationUrl,
    contact: content.contact,
    visibility: content.visibility,
    exchange: parts.exchange,
    chathamHouse: parts.chathamHouse,
    author: parts.author.person,
    attribution: parts.author.text,
    neutralAttribution: parts.author.neutral,
    provenance: parts.provenance,
    quotes: parts.quotes,
    attachments: parts.attachments,
    // Whoever reads a hidden entry is its author or a moderator: they are told why.
    moderation:
      practice.hiddenAt !== null
        ? { hiddenAt: practice.hiddenAt.toISOString(), reason: practice.hiddenReason ?? '' }
        : null,
    publishedAt: practice.firstPublishedAt?.toISOString() ?? null,
    updatedAt: (parts.copy === 'working'
      ? practice.updatedAt
      : (practice.lastPublishedAt ?? practice.updatedAt)
    ).toISOString(),
    archivedAt: practice.archivedAt?.toISOString() ?? null,
    can: parts.can,
  };
}

/** An entry in a list, from its working copy, in the reader's language where it has one. */
export function presentListItem(
  practice: Practice,
  themes: Map<string, ThemeView>,
  requestedLanguage: string | null,
): PracticeListItem {
  const languages = (practice.texts ?? []).map((t) => t.language);
  const { language } = chooseLanguage(languages, practice.originalLanguage, requestedLanguage);
  const row = (practice.texts ?? []).find((t) => t.language === language);
  const texts = row ? textsOf(row) : emptyTexts();
  return {
    id: practice.id,
    slug: practice.slug,
    title: texts.title,
    summary: texts.summary,
    language,
    status: practice.status,
    visibility: practice.publishedVisibility ?? practice.visibility,
    evidenceLevel: practice.evidenceLevel,
    themes: (practice.themes ?? []).flatMap((t) => themes.get(t.slug) ?? []),
    updatedAt: practice.updatedAt.toISOString(),
    publishedAt: practice.firstPublishedAt?.toISOString() ?? null,
  };
}
