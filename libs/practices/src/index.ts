export { PracticesModule } from './practices.module.js';
export { PracticeLists, NEW_PRACTICE_DAYS } from './practice-lists.service.js';
export { QuoteConsents } from './quote-consents.service.js';
export { PracticeWorkflow } from './practice-workflow.service.js';
export { documentsOf } from './practices.service.js';
export {
  PracticeSearch,
  correctionsStatement,
  runSearch,
} from './search/practice-search.service.js';
export { searchStatement, matchVector, RANK_WINDOW } from './search/search-sql.js';
export { FacetSets } from './search/facet-sets.js';
export {
  compileSql,
  planQuery,
  typoCandidates,
  withCorrections,
  SEARCH_CONFIGS,
} from './search/query-plan.js';
export {
  PracticeIndex,
  indexStatement,
  bodyOf,
  FACET_PAIRS_OF_ROWS,
} from './search/practice-index.js';
export { SEARCH_BUDGET_PER_MINUTE } from './search/search-budget.js';
export { GLOSSARY, glossaryIndex, foldText, wordsOf } from './glossary/glossary.js';
export {
  canOnPractice,
  visibilityAllows,
  searchScopeOf,
  type SearchScope,
} from './practices.policy.js';
export type { PracticeSnapshot } from './practice-snapshot.js';
