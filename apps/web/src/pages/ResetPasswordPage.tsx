import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError } from '../api/client';
import { useSubmit } from '../api/hooks';
import { passwordResetApi } from '../features/identity/passwordReset.api';
import { ErrorNotice, SuccessNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** The page the mailed link opens: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const reset = useSubmit(async () => {
    await passwordResetApi.reset(token, password);
    setDone(true);
  });
  useDocumentTitle(t('reset.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void reset.submit();
  };
  const linkSpent =
    reset.error instanceof ApiRequestError && reset.error.code === 'PASSWORD_RESET_INVALID';

  return (
    <div className="narrow">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <SuccessNotice>
          <p>{t('reset.done')}</p>
          <Link to="/sign-in">{t('reset.signIn')}</Link>
        </SuccessNotice>
      ) : (
        <>
          <p className="lead">{t('reset.intro')}</p>
          <form className="form panel" onSubmit={onSubmit}>
            <ErrorNotice error={reset.error} fields={{ password: t('reset.password') }} />
            {linkSpent && (
              <p>
                <Link to="/forgot-password">{t('reset.askAgain')}</Link>
              </p>
            )}
            <Field
              label={t('reset.password')}
              hint={t('account.passwordHint')}
              name="password"
              error={reset.error}
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  required
                  minLength={10}
                  maxLength={200}
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={reset.busy}>
                {t('reset.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
