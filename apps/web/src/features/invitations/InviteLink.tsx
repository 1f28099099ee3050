// The single-use link to hand to the invitee, with a copy button.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../ui/clipboard';

export function InviteLink({ url, email }: { url: string; email: string }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await copyText(url, input.current);
    setCopied(true);
  };
  return (
    <div className="notice notice--success invite-link">
      <p>{t('invite.created', { email })}</p>
      <label htmlFor={id}>{t('invite.link')}</label>
      <div className="invite-link__row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={url}
          data-testid="invite-link"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('invite.copy')}
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied ? t('invite.copied') : t('invite.linkHint')}
      </p>
    </div>
  );
}
