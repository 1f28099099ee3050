import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { signIn } from '../api/client';
import { useSubmit } from '../api/hooks';
import { useSession } from '../features/identity/session';
import { ErrorNotice, SuccessNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** Only local paths: never send someone off-site after sign-in. Home by default. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const attempt = useSubmit(() => signIn(email.trim(), password));
  useDocumentTitle(t('signIn.title'));

  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void attempt.submit();
  };

  return (
    <div className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      {params.get('erased') && <SuccessNotice>{t('signIn.erased')}</SuccessNotice>}
      {params.get('accepted') && <SuccessNotice>{t('signIn.accepted')}</SuccessNotice>}
      <form className="form panel" onSubmit={onSubmit}>
        <ErrorNotice
          error={attempt.error}
          fields={{ email: t('signIn.email'), password: t('signIn.password') }}
        />
        <Field label={t('signIn.email')} name="email" error={attempt.error}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} name="password" error={attempt.error}>
          {(control) => (
            <input
              {...control}
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={attempt.busy}>
            {t('signIn.submit')}
          </button>
        </div>
        <p>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </p>
        <p className="field__hint">{t('signIn.invitationOnly')}</p>
      </form>
    </div>
  );
}
