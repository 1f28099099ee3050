// The entry's documents in the editor (evaluation reports and others): uploaded with the files
// uploader and attached to the working copy at once; removing one takes it off the entry. The
// edit waiting in autosave is sent first, so the two never conflict.
import type { FileView, PracticeWorkingView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { FileUploader } from '../files/FileUploader';
import { practicesApi } from './practices.api';

export function PracticeDocuments({
  entry,
  beforeChange,
  onChanged,
}: {
  entry: PracticeWorkingView;
  beforeChange: () => Promise<void>;
  onChanged: (entry: PracticeWorkingView) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const value: FileView[] = entry.attachments.map((a) => ({ ...a, sha256: '', attached: true }));

  const change = async (files: FileView[]) => {
    const had = new Set(entry.attachments.map((a) => a.id));
    const kept = new Set(files.map((f) => f.id));
    const added = files.filter((f) => !had.has(f.id)).map((f) => f.id);
    const removed = entry.attachments.filter((a) => !kept.has(a.id));
    try {
      await beforeChange();
      let next = added.length ? await practicesApi.attachDocuments(entry.id, added) : null;
      for (const file of removed) await practicesApi.removeDocument(entry.id, file.id);
      if (removed.length) next = await practicesApi.working(entry.id);
      if (next) onChanged(next);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="panel practice-editor__documents" aria-labelledby="practice-documents">
      <h2 id="practice-documents">{t('practices.editor.documents')}</h2>
      <p className="field__hint">
        {entry.can.attach
          ? t('practices.editor.documentsHint')
          : t('practices.editor.documentsInReview')}
      </p>
      <FileUploader
        value={value}
        onChange={(files) => void change(files)}
        label={t('practices.editor.attachDocuments')}
        disabled={!entry.can.attach}
      />
      <ErrorNotice error={error} />
    </section>
  );
}
