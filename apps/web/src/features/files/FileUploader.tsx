// Attaching files to a post or practice: drop them on the area or choose them with the button
// (a real button, so the keyboard and screen readers reach it), watch each upload's progress,
// cancel one, remove one. What cannot be attached (too large, not an accepted type, over the
// member's storage) is said per file, in the reader's language. The form that holds this sends
// the uploaded files' ids (`value`) with its post; until then they are the member's alone.
import {
  ACCEPTED_FILE_EXTENSIONS,
  type FileView,
  MAX_ATTACHMENTS,
  MAX_FILE_BYTES,
} from '@contracts';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { fileProblem, formatBytes, removeUpload, uploadAttachment } from './files.api';

interface InFlight {
  key: string;
  name: string;
  share: number;
  controller: AbortController;
}

interface Problem {
  key: string;
  text: string;
}

export interface FileUploaderProps {
  /** The files uploaded so far (unattached until the form is sent). */
  value: FileView[];
  onChange: (files: FileView[]) => void;
  /** Most files the form takes (default MAX_ATTACHMENTS). */
  max?: number;
  /** The field's label (default "Attachments"). */
  label?: string;
  disabled?: boolean;
}

let nextKey = 0;

export function FileUploader({
  value,
  onChange,
  max = MAX_ATTACHMENTS,
  label,
  disabled,
}: FileUploaderProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);
  // The latest list, for uploads that finish after other changes.
  const current = useRef(value);
  current.current = value;
  const size = (bytes: number) => formatBytes(bytes, i18n.language);

  // Uploads still running when the form goes away are cancelled.
  const flying = useRef(inFlight);
  flying.current = inFlight;
  useEffect(() => () => flying.current.forEach((f) => f.controller.abort()), []);

  const problemText = (name: string, error: unknown): string => {
    if (error instanceof ApiRequestError) {
      switch (error.code) {
        case 'FILE_TOO_LARGE':
          return t('files.tooLarge', { name, size: size(MAX_FILE_BYTES) });
        case 'UNSUPPORTED_FILE_TYPE':
          return t('files.unsupported', { name });
        case 'VALIDATION_FAILED':
          // Mostly its name (too long, control characters): said for a file, not a form.
          return t('files.refused', { name });
        case 'QUOTA_EXCEEDED': {
          const details = error.details as { usedBytes?: number; quotaBytes?: number } | undefined;
          return t('files.quotaExceeded', {
            name,
            used: size(details?.usedBytes ?? 0),
            quota: size(details?.quotaBytes ?? 0),
          });
        }
        default:
          break;
      }
    }
    return t('files.failed', { name, reason: errorText(t, i18n.language, error) });
  };

  const start = (file: File) => {
    const key = `upload-${nextKey++}`;
    const controller = new AbortController();
    setInFlight((list) => [...list, { key, name: file.name, share: 0, controller }]);
    uploadAttachment(file, {
      signal: controller.signal,
      onProgress: (share) =>
        setInFlight((list) => list.map((f) => (f.key === key ? { ...f, share } : f))),
    })
      .then(
        (stored) => {
          onChange([...current.current, stored]);
          setAnnouncement(t('files.uploaded', { name: stored.name }));
        },
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setProblems((list) => [...list, { key, text: problemText(file.name, error) }]);
        },
      )
      .finally(() => setInFlight((list) => list.filter((f) => f.key !== key)));
  };

  const add = (files: FileList | null) => {
    if (!files || disabled) return;
    const found: Problem[] = [];
    let room = max - current.current.length - flying.current.length;
    for (const file of Array.from(files)) {
      const problem = fileProblem(file);
      const key = `problem-${nextKey++}`;
      if (problem === 'tooLarge')
        found.push({
          key,
          text: t('files.tooLarge', { name: file.name, size: size(MAX_FILE_BYTES) }),
        });
      else if (problem === 'unsupported')
        found.push({ key, text: t('files.unsupported', { name: file.name }) });
      else if (problem === 'empty')
        found.push({ key, text: t('files.empty', { name: file.name }) });
      else if (room <= 0) found.push({ key, text: t('files.tooMany', { name: file.name, max }) });
      else {
        room -= 1;
        start(file);
      }
    }
    setProblems(found);
  };

  const remove = async (file: FileView) => {
    onChange(current.current.filter((f) => f.id !== file.id));
    setAnnouncement(t('files.removed', { name: file.name }));
    // An upload that is not attached yet is deleted at once; if that fails it goes in a day.
    if (!file.attached) await removeUpload(file.id).catch(() => undefined);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };

  return (
    <div className="file-uploader">
      <p className="file-uploader__label" id={`${id}-label`}>
        {label ?? t('files.attachments')}
      </p>
      <div
        className={
          dragging ? 'file-uploader__drop file-uploader__drop--over' : 'file-uploader__drop'
        }
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="file-drop"
      >
        <span aria-hidden="true">{t('files.dropHere')}</span>
        <button
          type="button"
          className="button"
          onClick={() => input.current?.click()}
          disabled={disabled || value.length + inFlight.length >= max}
          aria-describedby={`${id}-label ${id}-hint`}
        >
          {t('files.choose')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={ACCEPTED_FILE_EXTENSIONS.join(',')}
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {t('files.accepted', { size: size(MAX_FILE_BYTES), max })}
      </p>

      {problems.length > 0 && (
        <div className="notice notice--error" role="alert">
          <ul className="file-uploader__problems">
            {problems.map((problem) => (
              <li key={problem.key}>{problem.text}</li>
            ))}
          </ul>
        </div>
      )}

      {(inFlight.length > 0 || value.length > 0) && (
        <ul className="file-list" aria-labelledby={`${id}-label`}>
          {inFlight.map((f) => (
            <li key={f.key} className="file-list__item">
              <span className="file-list__name">{f.name}</span>
              <progress
                max={1}
                value={f.share}
                aria-label={t('files.uploading', { name: f.name })}
              />
              <button
                type="button"
                className="button button--small"
                onClick={() => f.controller.abort()}
              >
                {t('files.cancel')}
                <span className="visually-hidden"> {f.name}</span>
              </button>
            </li>
          ))}
          {value.map((file) => (
            <li key={file.id} className="file-list__item">
              <span className="file-list__name">{file.name}</span>
              <span className="file-list__meta">
                {t(`files.kinds.${file.kind}`)} · {size(file.sizeBytes)}
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={() => void remove(file)}
              >
                {t('files.remove')}
                <span className="visually-hidden"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
