// The small facts that travel with an entry everywhere: evidence, visibility, status, languages.
import type { EvidenceLevel, PracticeStatus, PracticeVisibility } from '@contracts';
import { useTranslation } from 'react-i18next';
import { languageName } from '../languages/languages';

export function EvidenceBadge({ level }: { level: EvidenceLevel | null }) {
  const { t } = useTranslation();
  if (!level) return null;
  return (
    <span className={`badge badge--evidence badge--evidence-${level}`}>
      <span className="visually-hidden">{t('practices.fields.evidenceLevel')}: </span>
      {t(`practices.evidence.${level}`)}
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: PracticeVisibility }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--visibility-${visibility}`}>
      <span className="visually-hidden">{t('practices.fields.visibility')}: </span>
      {t(`practices.visibility.${visibility}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: PracticeStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status-${status}`}>
      <span className="visually-hidden">{t('practices.status')}: </span>
      {t(`practices.statuses.${status}`)}
    </span>
  );
}

/** "English, French": the languages an entry exists in. */
export function LanguageList({ languages }: { languages: string[] }) {
  const { i18n } = useTranslation();
  return <>{languages.map((l) => languageName(l, i18n.language)).join(', ')}</>;
}
