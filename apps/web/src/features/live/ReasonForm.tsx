// A short inline form asking a moderator why (3–500 characters), then running the action; a
// refused action is said in the form, which stays open.
import { REASON_LENGTH } from '@contracts';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from './liveText';

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
  const { t, i18n } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const tooShort = reason.trim().length < REASON_LENGTH.min;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (tooShort) return;
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(reason.trim());
    } catch (error) {
      const e = error as { code?: string; message?: string };
      setProblem({ code: e.code ?? 'INTERNAL', message: e.message ?? String(error) });
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
          minLength={REASON_LENGTH.min}
          maxLength={REASON_LENGTH.max}
          required
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problemText(t, i18n.language, problem)}
        </p>
      )}
      <div className="actions actions--tight">
        <button
          type="submit"
          className="button button--small button--danger"
          disabled={busy || tooShort}
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
