// The files on a post or practice, for its readers: kind, name, size, and a download button
// (the download goes through the API with the access token; there is no public link).
import type { AttachmentView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { downloadAttachment, formatBytes } from './files.api';

export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (attachments.length === 0) return null;

  const fetchFile = async (file: AttachmentView) => {
    setBusy(file.id);
    setError(null);
    try {
      await downloadAttachment(file);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="attachments" aria-label={t('files.attachments')}>
      <ul className="file-list">
        {attachments.map((file) => (
          <li key={file.id} className="file-list__item">
            <span className={`file-kind file-kind--${file.kind}`}>
              {t(`files.kinds.${file.kind}`)}
            </span>
            <span className="file-list__name">{file.name}</span>
            <span className="file-list__meta">{formatBytes(file.sizeBytes, i18n.language)}</span>
            <button
              type="button"
              className="button button--small"
              onClick={() => void fetchFile(file)}
              disabled={busy === file.id}
              aria-busy={busy === file.id || undefined}
            >
              {t('files.download')}
              <span className="visually-hidden"> {file.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </section>
  );
}
