// Tells a person their new name looks like someone else's (the API accepted it, and warns).
import type { NameWarning } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NameWarnings({ warnings }: { warnings: NameWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice--warning" role="status">
      {warnings.map((warning) => (
        <p key={warning.similarTo.id}>
          {t('profile.nameLooksLike', { name: warning.similarTo.displayName })}{' '}
          <Link to={`/practitioners/${warning.similarTo.id}`}>{warning.similarTo.displayName}</Link>
        </p>
      ))}
    </div>
  );
}
