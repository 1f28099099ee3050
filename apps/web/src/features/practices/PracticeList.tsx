import type { PracticeListItem } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EvidenceBadge, StatusBadge } from './PracticeBadges';

/** Entries in a list: drafts lead to their editor, the rest to their page. */
export function PracticeList({
  items,
  to,
}: {
  items: PracticeListItem[];
  to?: (item: PracticeListItem) => string;
}) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <ul className="plain-list practice-list">
      {items.map((item) => (
        <li key={item.id} className="card" data-testid="practice-item">
          <p className="card__title" lang={item.language}>
            <Link to={to ? to(item) : `/practices/${item.slug ?? item.id}`}>
              {item.title || t('practices.untitled')}
            </Link>
          </p>
          <p className="badges">
            <StatusBadge status={item.status} />
            <EvidenceBadge level={item.evidenceLevel} />
          </p>
          {item.summary && <p lang={item.language}>{item.summary}</p>}
          <p className="card__meta">
            {item.themes.map((theme) => theme.label).join(', ')}
            {item.themes.length > 0 && ' · '}
            {t('practices.updatedOn', {
              date: date.format(new Date(item.publishedAt ?? item.updatedAt)),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
