// Search results: title (in the reader's language where the entry has it), the snippet with the
// matched words marked, and the facts that help choose.
import type { PracticeSearchItem, QueryExpansion } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EvidenceBadge, LanguageList, VisibilityBadge } from './PracticeBadges';

export function practiceLink(item: { id: string; slug: string | null }): string {
  return `/practices/${item.slug ?? item.id}`;
}

export function SearchResultList({ items }: { items: PracticeSearchItem[] }) {
  return (
    <ol className="practice-results" data-testid="practice-results">
      {items.map((item) => (
        <li key={item.id} className="card practice-result" data-testid="practice-result">
          <h3 className="card__title" lang={item.language}>
            <Link to={practiceLink(item)}>{item.title}</Link>
          </h3>
          <p className="badges">
            <EvidenceBadge level={item.evidenceLevel} />
            <VisibilityBadge visibility={item.visibility} />
          </p>
          {item.snippet.length > 0 ? (
            <p className="practice-result__snippet" lang={item.language}>
              {item.snippet.map((part, i) =>
                part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
              )}
            </p>
          ) : (
            <p className="practice-result__snippet" lang={item.language}>
              {item.summary}
            </p>
          )}
          <p className="card__meta">
            {item.cities.length > 0 && <>{item.cities.map((c) => c.name).join(', ')} · </>}
            {item.themes.map((theme) => theme.label).join(', ')}
            {' · '}
            <LanguageList languages={item.languages} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** "Also searched: radicalisation, Radikalisierung (glossary); resilience (spelling)". */
export function Expansions({ expansions }: { expansions: QueryExpansion[] }) {
  const { t } = useTranslation();
  if (expansions.length === 0) return null;
  return (
    <p className="notice notice--info practice-expansions" data-testid="expansions">
      {expansions.map((expansion, i) => (
        <span key={`${expansion.term}-${i}`}>
          {i > 0 && ' '}
          {t(
            expansion.kind === 'glossary' ? 'practices.expandedGlossary' : 'practices.expandedTypo',
            {
              term: expansion.term,
              words: expansion.alternatives.join(', '),
            },
          )}
        </span>
      ))}
    </p>
  );
}
