import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSubmit } from '../api/hooks';
import { passwordResetApi } from '../features/identity/passwordReset.api';
import { currentLanguage } from '../i18n';
import { ErrorNotice, SuccessNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** Asks for a link to choose a new password; the answer never says whether the address is known. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const ask = useSubmit(async () => {
    const address = email.trim();
    await passwordResetApi.forgot(address, currentLanguage());
    setSentTo(address);
  });
  useDocumentTitle(t('forgot.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSentTo(null);
    void ask.submit();
  };

  return (
    <div className="narrow">
      <h1>{t('forgot.title')}</h1>
      <p className="lead">{t('forgot.intro')}</p>
      <form className="form panel" onSubmit={onSubmit}>
        <ErrorNotice error={ask.error} />
        {sentTo && <SuccessNotice>{t('forgot.sent', { email: sentTo })}</SuccessNotice>}
        <Field label={t('signIn.email')} name="email" error={ask.error}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              maxLength={254}
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={ask.busy}>
            {t('forgot.submit')}
          </button>
        </div>
        <p>
          <Link to="/sign-in">{t('forgot.back')}</Link>
        </p>
      </form>
    </div>
  );
}
