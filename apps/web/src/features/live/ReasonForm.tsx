// A short inline form asking a moderator why (3–500 characters), then running the action.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ReasonForm({
  label,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return;
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)}>
      {children}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('live.reasonHint')}
        </p>
        <input
          id={id}
          aria-describedby={`${id}-hint`}
          value={reason}
          minLength={3}
          maxLength={500}
          required
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
      </div>
      <div className="actions actions--tight">
        <button
          type="submit"
          className="button button--small button--danger"
          disabled={busy || reason.trim().length < 3}
        >
          {submitLabel}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('live.cancel')}
        </button>
      </div>
    </form>
  );
}
