// A markdown textarea with a preview that shows what members will read.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';
import { Markdown } from './Markdown';

export function MarkdownField({
  label,
  hint,
  name,
  error,
  value,
  onChange,
  rows = 8,
  maxLength = 20000,
}: {
  label: string;
  hint?: string;
  name: string;
  error?: unknown;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const previewId = useId();
  const [preview, setPreview] = useState(false);
  return (
    <div className="markdown-field">
      <Field label={label} hint={hint ?? t('markdown.hint')} name={name} error={error}>
        {(control) => (
          <textarea
            {...control}
            rows={rows}
            maxLength={maxLength}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--small"
        aria-expanded={preview}
        aria-controls={previewId}
        onClick={() => setPreview((shown) => !shown)}
      >
        {preview ? t('markdown.hidePreview') : t('markdown.showPreview')}
      </button>
      <div id={previewId} hidden={!preview}>
        {preview && (
          <section className="markdown-preview" aria-label={t('markdown.preview')}>
            {value.trim() ? (
              <Markdown text={value} />
            ) : (
              <p className="muted">{t('markdown.nothingYet')}</p>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
