// The practice library as it crosses the wire: entries, their workflow, versions and diffs,
// provenance and quotes, search with facets, and the compendium.
import type { AttachmentView, CitySummary, PersonSummary, Region, ThemeView } from './index.js';

export const PRACTICE_STATUSES = [
  'draft',
  'in-review',
  'changes-requested',
  'published',
  'archived',
] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** Like a sharing label: who may read the published entry. Only coordinators make one public. */
export const PRACTICE_VISIBILITIES = ['exchange', 'network', 'public'] as const;
export type PracticeVisibility = (typeof PRACTICE_VISIBILITIES)[number];

export const EVIDENCE_LEVELS = [
  'none-yet',
  'monitored',
  'evaluated-internally',
  'evaluated-independently',
] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** The controlled list of target groups. */
export const TARGET_GROUPS = [
  'youth',
  'families',
  'schools',
  'online-communities',
  'prisons-and-probation',
  'returnees',
  'frontline-staff',
  'communities',
  'victims',
  'general-public',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const PRACTICE_SCALES = ['neighbourhood', 'city', 'region', 'national'] as const;
export type PracticeScale = (typeof PRACTICE_SCALES)[number];

/** The languages the library searches with their own stemming; others are searched as they are. */
export const SEARCH_LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];

/** What an entry can come from. Threads and posts are described by the discussions library. */
export const PROVENANCE_KINDS = ['exchange', 'session', 'thread', 'post', 'message'] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** The fields written in a language (an entry has them once per language it exists in). */
export const PRACTICE_TEXT_FIELDS = [
  'title',
  'summary',
  'challenge',
  'approach',
  'resources',
  'outcomes',
  'evaluation',
  'lessonsWorked',
  'lessonsDidNot',
  'transferability',
] as const;
export type PracticeTextField = (typeof PRACTICE_TEXT_FIELDS)[number];
export type PracticeTexts = Record<PracticeTextField, string>;

/** The fields that are facts, shared by every language of an entry. */
export const PRACTICE_FACT_FIELDS = [
  'targetGroups',
  'themes',
  'cities',
  'scale',
  'periodStart',
  'periodEnd',
  'evidenceLevel',
  'evaluationUrl',
  'contact',
  'visibility',
  'exchange',
  'originalLanguage',
] as const;
export type PracticeFactField = (typeof PRACTICE_FACT_FIELDS)[number];
export type PracticeField = PracticeTextField | PracticeFactField;

/** Every field a reviewer can comment on. */
export const PRACTICE_FIELDS: readonly PracticeField[] = [
  ...PRACTICE_TEXT_FIELDS,
  ...PRACTICE_FACT_FIELDS,
];

/** Sizes shared by the API's validation and the web client's editor. */
export const PRACTICE_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  summaryMax: 1000,
  longTextMax: 20000,
  themesMax: 10,
  citiesMax: 20,
  reviewersMax: 5,
  commentMax: 4000,
  quoteMax: 2000,
  sourcesMax: 50,
  searchQueryMax: 200,
  searchPageMax: 50,
  compendiumMax: 200,
} as const;

/** Must be filled in before an entry goes to review (the editor marks them). */
export const PRACTICE_REQUIRED_TO_SUBMIT = {
  texts: ['title', 'summary', 'challenge', 'approach', 'lessonsWorked'] as PracticeTextField[],
  facts: ['targetGroups', 'themes', 'evidenceLevel', 'periodStart'] as PracticeFactField[],
};

export interface PracticeContact {
  name: string;
  organisation: string;
  email: string;
}

export interface ExchangeLink {
  id: string;
  title: string;
}

/** "A participant from a European city": the region of the person's city, or null if none. */
export interface NeutralAttribution {
  region: Region | null;
}

/** A link to what an entry came from, as the reader may see it. */
export interface ProvenanceLinkView {
  kind: ProvenanceKind;
  id: string;
  /** False when the reader may not open the source: then only its kind is shown. */
  visible: boolean;
  title: string | null;
  excerpt: string | null;
  url: string | null;
}

export const QUOTE_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A quoted post or message. Readers only ever see accepted ones. */
export interface PracticeQuoteView {
  id: string;
  sourceKind: ProvenanceKind;
  sourceId: string;
  text: string;
  /** "Pieter Jansen, mayor, Rotterdam", or under the Chatham House rule "a participant from a European city". */
  attribution: string;
  /** Under the Chatham House rule (outside the exchange): the region only, for a neutral attribution in the reader's language; null when named. */
  neutralAttribution: NeutralAttribution | null;
  /** The person quoted, when the reader may know them. */
  person: PersonSummary | null;
  status: QuoteStatus;
  requestedAt: string;
  decidedAt: string | null;
}

export interface PracticeReviewerView {
  person: PersonSummary;
  /** This reviewer's decision on the revision under review; null while they have not decided. */
  decision: 'approved' | 'changes-requested' | null;
  decidedAt: string | null;
}

export interface ReviewCommentView {
  id: string;
  field: PracticeField;
  /** The language of the text commented on; null for facts. */
  language: string | null;
  body: string;
  author: PersonSummary;
  /** The revision of the working copy it was written on. */
  revision: number;
  createdAt: string;
}

/** What the caller may do with an entry now (the API enforces the same). */
export interface PracticeAbilities {
  edit: boolean;
  submit: boolean;
  review: boolean;
  publish: boolean;
  archive: boolean;
  assignReviewers: boolean;
  viewWorkingCopy: boolean;
  delete: boolean;
  makePublic: boolean;
  /** Hide or restore it (coordinators, and hosts of the exchange it was published from). */
  moderate: boolean;
  /** Attach and remove documents (an edit of the working copy: not while it is in review). */
  attach: boolean;
}

/** Why a hidden entry is out of the library: shown to its author and its moderators only. */
export interface PracticeModerationNote {
  hiddenAt: string;
  reason: string;
}

/** An entry as a reader sees it: the published version (or, to its editors, the working copy). */
export interface PracticeView {
  id: string;
  slug: string | null;
  status: PracticeStatus;
  /** Which copy this is: the published version, or the working copy (not yet published). */
  copy: 'published' | 'working';
  /** The published version shown; null for a working copy. */
  version: number | null;
  currentVersion: number | null;
  /** The language of the texts shown. */
  language: string;
  originalLanguage: string;
  /**
   * translated: shown in the language the reader asked for; original: they asked for a language
   * it does not exist in, so the original is shown (the client says so); null: they asked for none.
   */
  languageNote: 'translated' | 'original' | null;
  /** The languages this copy exists in, the original first. */
  languages: string[];
  texts: PracticeTexts;
  targetGroups: TargetGroup[];
  themes: ThemeView[];
  cities: CitySummary[];
  scale: PracticeScale | null;
  /** YYYY-MM. */
  periodStart: string | null;
  /** YYYY-MM; null while ongoing. */
  periodEnd: string | null;
  evidenceLevel: EvidenceLevel | null;
  evaluationUrl: string | null;
  contact: PracticeContact;
  visibility: PracticeVisibility;
  /** The exchange it came from, when the reader may know it. */
  exchange: ExchangeLink | null;
  /** From a Chatham House exchange: readers outside it see no names and no cities of people. */
  chathamHouse: boolean;
  /** Null when the reader may not know who wrote it (Chatham House, outside the exchange). */
  author: PersonSummary | null;
  /** Who wrote it, as the reader may be told: a name, or a neutral attribution. */
  attribution: string;
  /** Set when the attribution is neutral (Chatham House, outside the exchange). */
  neutralAttribution: NeutralAttribution | null;
  provenance: ProvenanceLinkView[];
  quotes: PracticeQuoteView[];
  /**
   * Evaluation reports and other documents. A published version lists the documents it was
   * published with (still attached); the working copy lists every document attached now.
   */
  attachments: AttachmentView[];
  /** Set while moderators hide the entry (only its author and moderators can then read it). */
  moderation: PracticeModerationNote | null;
  publishedAt: string | null;
  updatedAt: string;
  archivedAt: string | null;
  can: PracticeAbilities;
}

/** The working copy, for its author, reviewers and coordinators: every language and the review. */
export interface PracticeWorkingView extends Omit<
  PracticeView,
  'texts' | 'language' | 'languageNote' | 'copy' | 'version'
> {
  copy: 'working';
  /** Increases with every change; send it back as `baseRevision` to detect someone else's edit. */
  revision: number;
  exchangeId: string | null;
  /** Texts per language. */
  textsByLanguage: Record<string, PracticeTexts>;
  reviewers: PracticeReviewerView[];
  comments: ReviewCommentView[];
  /** Fields still missing before it can go to review. */
  missing: PracticeField[];
  hidden: boolean;
}

/** An entry in a list (mine, waiting for review, newly published). */
export interface PracticeListItem {
  id: string;
  slug: string | null;
  title: string;
  summary: string;
  language: string;
  status: PracticeStatus;
  visibility: PracticeVisibility;
  evidenceLevel: EvidenceLevel | null;
  themes: ThemeView[];
  updatedAt: string;
  publishedAt: string | null;
}

export interface SnippetPart {
  text: string;
  /** A word the query matched. */
  match: boolean;
}

export interface PracticeSearchItem {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** The language of title, summary and snippet (the reader's when it exists, else the original). */
  language: string;
  originalLanguage: string;
  languages: string[];
  evidenceLevel: EvidenceLevel | null;
  visibility: PracticeVisibility;
  themes: ThemeView[];
  cities: CitySummary[];
  targetGroups: TargetGroup[];
  publishedAt: string;
  /** Where the query matched, with the matched words marked; empty without a query. */
  snippet: SnippetPart[];
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export const PRACTICE_FACETS = [
  'theme',
  'targetGroup',
  'region',
  'country',
  'city',
  'evidence',
  'language',
] as const;
export type PracticeFacet = (typeof PRACTICE_FACETS)[number];

/**
 * For each filter, how many entries each value would give: counted over the entries matching
 * the query and every other filter (so a chosen value's siblings keep their counts).
 */
export type PracticeFacets = Record<PracticeFacet, FacetCount[]>;

/** How the query was widened: a glossary concept in the other languages, or a likely typo. */
export interface QueryExpansion {
  /** The words of the query it applies to. */
  term: string;
  kind: 'glossary' | 'typo';
  /** The glossary concept's id (glossary expansions). */
  concept: string | null;
  /** The words searched as well. */
  alternatives: string[];
}

export interface PracticeSearchResult {
  items: PracticeSearchItem[];
  nextCursor: string | null;
  /** How many entries match in all. */
  total: number;
  facets: PracticeFacets;
  expansions: QueryExpansion[];
}

export interface PracticeVersionSummary {
  version: number;
  title: string;
  publishedAt: string;
  /** Null when the reader may not be told (Chatham House, outside the exchange). */
  publishedBy: PersonSummary | null;
}

export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldDiff {
  field: PracticeField;
  /** For texts: the language; null for facts. */
  language: string | null;
  changed: boolean;
  /** The value before and after, as text (lists joined with ", "). */
  before: string;
  after: string;
  /** Word by word, for texts. */
  segments: DiffSegment[];
}

export interface PracticeDiff {
  from: number | 'working';
  to: number | 'working';
  fields: FieldDiff[];
}

/** One step of the workflow, audited. */
export interface PracticeEventView {
  id: string;
  action: string;
  fromStatus: PracticeStatus | null;
  toStatus: PracticeStatus | null;
  comment: string | null;
  actor: PersonSummary | null;
  createdAt: string;
}

/** A request to quote someone, as the quoted person sees it. */
export interface QuoteRequestView {
  quote: PracticeQuoteView;
  practice: { id: string; title: string; status: PracticeStatus };
  requestedBy: PersonSummary;
}

export const COMPENDIUM_FORMATS = ['pdf', 'markdown'] as const;
export type CompendiumFormat = (typeof COMPENDIUM_FORMATS)[number];

/** Who a compendium is for: public entries only, or every entry members may read (never exchange-only ones). */
export const COMPENDIUM_AUDIENCES = ['public', 'network'] as const;
export type CompendiumAudience = (typeof COMPENDIUM_AUDIENCES)[number];

export interface PracticeFilters {
  q?: string;
  theme?: string;
  targetGroup?: TargetGroup;
  region?: Region;
  country?: string;
  city?: string;
  evidence?: EvidenceLevel;
  language?: string;
}
