// A field-by-field diff: changed texts word by word (deleted struck through, inserted marked),
// changed facts as before → after.
import type { FieldDiff } from '@contracts';
import { useTranslation } from 'react-i18next';
import { languageName } from '../languages/languages';

/** Facts whose values are codes the reader should see in words. */
const CODED: Partial<Record<FieldDiff['field'], string>> = {
  targetGroups: 'practices.targetGroups',
  scale: 'practices.scales',
  evidenceLevel: 'practices.evidence',
  visibility: 'practices.visibility',
};

export function DiffView({ fields }: { fields: FieldDiff[] }) {
  const { t, i18n } = useTranslation();
  const words = (field: FieldDiff, value: string) => {
    if (!value) return t('practices.diff.empty');
    const prefix = CODED[field.field];
    if (field.field === 'originalLanguage') return languageName(value, i18n.language);
    if (!prefix) return value;
    return value
      .split(', ')
      .map((code) => t(`${prefix}.${code}`, { defaultValue: code }))
      .join(', ');
  };
  const changed = fields.filter((f) => f.changed);
  if (changed.length === 0) return <p className="empty">{t('practices.diff.none')}</p>;
  return (
    <dl className="practice-diff" data-testid="practice-diff">
      {changed.map((field) => (
        <div key={`${field.field}-${field.language ?? ''}`} className="practice-diff__field">
          <dt>
            {t(`practices.fields.${field.field}`)}
            {field.language && (
              <span className="muted"> ({languageName(field.language, i18n.language)})</span>
            )}
          </dt>
          <dd lang={field.language ?? undefined}>
            {field.segments.length > 0 ? (
              field.segments.map((segment, i) =>
                segment.op === 'insert' ? (
                  <ins key={i}>{segment.text}</ins>
                ) : segment.op === 'delete' ? (
                  <del key={i}>{segment.text}</del>
                ) : (
                  <span key={i}>{segment.text}</span>
                ),
              )
            ) : (
              <>
                <del>{words(field, field.before)}</del>
                {' → '}
                <ins>{words(field, field.after)}</ins>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
