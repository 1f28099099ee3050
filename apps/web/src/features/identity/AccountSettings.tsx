// My account: change password, export my data, erase my account.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { announceMe, api, download, replaceAccessToken } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice, SuccessNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const change = useSubmit(async () => {
    const { accessToken } = await api.post<{ accessToken: string }>('/api/me/password', {
      currentPassword,
      newPassword,
    });
    replaceAccessToken(accessToken);
    setCurrentPassword('');
    setNewPassword('');
    setDone(true);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void change.submit();
  };
  return (
    <form className="form panel" onSubmit={onSubmit} aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changePassword')}</h2>
      <ErrorNotice
        error={change.error}
        fields={{
          currentPassword: t('account.currentPassword'),
          newPassword: t('account.newPassword'),
        }}
      />
      {done && <SuccessNotice>{t('account.passwordChanged')}</SuccessNotice>}
      <Field label={t('account.currentPassword')} name="currentPassword" error={change.error}>
        {(control) => (
          <input
            {...control}
            type="password"
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('account.newPassword')}
        hint={t('account.passwordHint')}
        name="newPassword"
        error={change.error}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={change.busy}>
          {t('account.changePasswordButton')}
        </button>
      </div>
    </form>
  );
}

export function ExportMyData() {
  const { t } = useTranslation();
  const exporting = useSubmit(() => download('/api/me/export', 'crossings-my-data.json'));
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('account.exportHeading')}</h2>
      <p>{t('account.exportExplained')}</p>
      <ErrorNotice error={exporting.error} />
      <button
        type="button"
        className="button"
        onClick={() => void exporting.submit()}
        disabled={exporting.busy}
      >
        {t('account.exportButton')}
      </button>
    </section>
  );
}

export function EraseAccountForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const erase = useSubmit(async () => {
    await api.delete<void>('/api/me', { password });
    announceMe(null);
    void navigate('/sign-in?erased=1', { replace: true });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void erase.submit();
  };
  return (
    <form className="form panel panel--danger" onSubmit={onSubmit} aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('account.eraseHeading')}</h2>
      <p>{t('account.eraseExplained')}</p>
      <ErrorNotice error={erase.error} fields={{ password: t('account.confirmWithPassword') }} />
      <Field label={t('account.confirmWithPassword')} name="password" error={erase.error}>
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
      <label className="checkbox">
        <input
          type="checkbox"
          checked={understood}
          onChange={(e) => setUnderstood(e.target.checked)}
          required
        />
        <span>{t('account.eraseUnderstood')}</span>
      </label>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--danger"
          disabled={erase.busy || !understood}
        >
          {t('account.eraseButton')}
        </button>
      </div>
    </form>
  );
}
