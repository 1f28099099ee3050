// The report dialog: a modal (the native <dialog> opened with showModal, so the page behind is
// inert, focus stays inside and Escape closes it) asking why, with a short explanation of each
// reason, a text required for "other", and afterwards what happens next.
import { FLAG_REASONS, FLAG_TEXT_MAX, type FlagReason, type FlagReceipt } from '@contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { FieldProblems, problemsFor } from '../../ui/Field';
import type { FlagTarget } from './flagging';
import { moderationApi } from './moderation.api';

type Refusal = 'already' | 'own' | 'gone' | null;

function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiRequestError)) return null;
  if (error.statusCode === 409) return 'already';
  if (error.code === 'CANNOT_FLAG_OWN_CONTENT') return 'own';
  if (error.statusCode === 404) return 'gone';
  return null;
}

export function FlagDialog({
  target,
  onReported,
  onClose,
}: {
  target: FlagTarget;
  onReported: (receipt: FlagReceipt) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const reasons = useRef<HTMLFieldSetElement>(null);
  const textBox = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState<FlagReason | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<'reason' | 'text' | null>(null);
  const [receipt, setReceipt] = useState<FlagReceipt | null>(null);
  const kind = target.subjectType;
  const textRequired = reason === 'other';
  const refusal = refusalOf(error);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    if (receipt) doneHeading.current?.focus();
  }, [receipt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setMissing('reason');
      reasons.current?.querySelector('input')?.focus();
      return;
    }
    if (textRequired && !text.trim()) {
      setMissing('text');
      textBox.current?.focus();
      return;
    }
    setMissing(null);
    setBusy(true);
    setError(null);
    try {
      const made = await moderationApi.flag({
        subjectType: target.subjectType,
        subjectId: target.subjectId,
        reason,
        ...(text.trim() ? { text: text.trim() } : {}),
      });
      setReceipt(made);
      onReported(made);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const textProblems = [
    ...(missing === 'text' ? [t('moderation.flag.textRequired')] : []),
    ...problemsFor(error, 'text'),
  ];

  return (
    <dialog
      ref={dialog}
      className="dialog flag-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={receipt ? `${id}-next` : `${id}-intro`}
      onCancel={(event) => {
        // Escape: close through React, so focus goes back where it came from.
        event.preventDefault();
        onClose();
      }}
      data-testid="flag-dialog"
    >
      {receipt ? (
        <div className="dialog__body">
          <h2 id={`${id}-title`} ref={doneHeading} tabIndex={-1}>
            {t('moderation.flag.doneTitle')}
          </h2>
          <div id={`${id}-next`} role="status">
            <p>{t('moderation.flag.whatNext')}</p>
            {receipt.hiddenFromReporter && <p>{t(`moderation.flag.hiddenFromYou.${kind}`)}</p>}
            {receipt.hiddenPendingReview && (
              <p>{t(`moderation.flag.hiddenPendingReview.${kind}`)}</p>
            )}
          </div>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={onClose} autoFocus>
              {t('moderation.flag.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="dialog__body" onSubmit={(e) => void submit(e)} noValidate>
          <h2 id={`${id}-title`}>{t(`moderation.flag.title.${kind}`)}</h2>
          <p id={`${id}-intro`} className="muted">
            {t('moderation.flag.intro')}
          </p>
          <fieldset
            ref={reasons}
            className="flag-reasons"
            aria-describedby={missing === 'reason' ? `${id}-reason-missing` : undefined}
          >
            <legend>{t('moderation.flag.reasonLegend')}</legend>
            {FLAG_REASONS.map((choice) => (
              <div className="flag-reason" key={choice}>
                <input
                  type="radio"
                  id={`${id}-${choice}`}
                  name={`${id}-reason`}
                  value={choice}
                  checked={reason === choice}
                  aria-describedby={`${id}-${choice}-hint`}
                  onChange={() => {
                    setReason(choice);
                    setMissing(null);
                  }}
                />
                <label htmlFor={`${id}-${choice}`}>
                  <span className="flag-reason__name">{t(`moderation.reasons.${choice}`)}</span>
                  <span className="flag-reason__hint" id={`${id}-${choice}-hint`}>
                    {t(`moderation.reasonHints.${choice}`)}
                  </span>
                </label>
              </div>
            ))}
            {missing === 'reason' && (
              <p className="field__problems" id={`${id}-reason-missing`} role="alert">
                {t('moderation.flag.reasonRequired')}
              </p>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-text`}>
              {textRequired
                ? t('moderation.flag.textLabelRequired')
                : t('moderation.flag.textLabel')}
            </label>
            <p className="field__hint" id={`${id}-text-hint`}>
              {t('moderation.flag.textHint', { max: FLAG_TEXT_MAX })}
            </p>
            <textarea
              ref={textBox}
              id={`${id}-text`}
              rows={3}
              value={text}
              maxLength={FLAG_TEXT_MAX}
              required={textRequired}
              aria-required={textRequired}
              aria-invalid={textProblems.length > 0 || undefined}
              aria-describedby={[
                `${id}-text-hint`,
                textProblems.length ? `${id}-text-problems` : null,
              ]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => {
                setText(e.target.value);
                if (missing === 'text') setMissing(null);
              }}
            />
            <FieldProblems id={`${id}-text-problems`} problems={textProblems} />
          </div>
          {refusal ? (
            <p className="notice notice--info" role="alert" data-testid="flag-refused">
              {t(`moderation.flag.refused.${refusal}`)}
            </p>
          ) : (
            problemsFor(error, 'text').length === 0 && <ErrorNotice error={error} />
          )}
          <div className="actions">
            {refusal ? (
              <button type="button" className="button button--primary" onClick={onClose} autoFocus>
                {t('moderation.flag.close')}
              </button>
            ) : (
              <>
                <button type="submit" className="button button--primary" disabled={busy}>
                  {t('moderation.flag.submit')}
                </button>
                <button type="button" className="button" onClick={onClose}>
                  {t('moderation.flag.cancel')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
}
