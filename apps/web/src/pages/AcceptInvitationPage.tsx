import type { Position } from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { signIn } from '../api/client';
import { useResource, useSubmit } from '../api/hooks';
import { invitationsApi } from '../features/invitations/invitations.api';
import { LanguagesInput } from '../features/languages/LanguagesInput';
import { PositionSelect } from '../features/practitioners/PositionSelect';
import { TimeZoneSelect } from '../features/time/TimeZoneSelect';
import { browserTimeZone } from '../features/time/zones';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function AcceptInvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const preview = useResource(() => invitationsApi.preview(token), token);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [position, setPosition] = useState<Position | ''>('');
  const [languages, setLanguages] = useState<string[]>(() => [
    i18n.language.split('-')[0] ?? i18n.language,
  ]);
  useDocumentTitle(t('accept.title'));

  const accept = useSubmit(async () => {
    const { warnings } = await invitationsApi.accept({
      token,
      displayName: displayName.trim(),
      password,
      timeZone,
      ...(position ? { position } : {}),
      languages,
    });
    try {
      await signIn(preview.data!.email, password);
    } catch {
      // The account exists now; signing in by hand is all that is left.
      void navigate('/sign-in?accepted=1', { replace: true });
      return;
    }
    void navigate('/me?welcome=1', { replace: true, state: { nameWarnings: warnings } });
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void accept.submit();
  };

  if (preview.loading) return <Loading />;
  if (preview.error || !preview.data) {
    return (
      <div className="narrow">
        <h1>{t('accept.title')}</h1>
        <ErrorNotice error={preview.error} />
      </div>
    );
  }
  const invitation = preview.data;
  return (
    <div className="narrow">
      <h1>{t('accept.title')}</h1>
      <p className="lead">
        {invitation.city
          ? t('accept.invitedWithCity', {
              inviter: invitation.invitedBy,
              role: t(`rolesInSentence.${invitation.networkRole}`),
              city: invitation.city.name,
            })
          : t('accept.invited', {
              inviter: invitation.invitedBy,
              role: t(`rolesInSentence.${invitation.networkRole}`),
            })}
      </p>
      <form className="form panel" onSubmit={onSubmit}>
        <ErrorNotice
          error={accept.error}
          fields={{
            displayName: t('profile.displayName'),
            password: t('accept.password'),
            timeZone: t('common.timeZone'),
            position: t('profile.position'),
            languages: t('profile.languages'),
          }}
        />
        <Field label={t('signIn.email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              value={invitation.email}
              readOnly
              autoComplete="username"
            />
          )}
        </Field>
        <Field label={t('profile.displayName')} name="displayName" error={accept.error}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={120}
              autoComplete="name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('accept.password')}
          hint={t('account.passwordHint')}
          name="password"
          error={accept.error}
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
        <Field
          label={t('common.timeZone')}
          hint={t('accept.timeZoneHint')}
          name="timeZone"
          error={accept.error}
        >
          {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
        </Field>
        <Field label={t('profile.position')} name="position" error={accept.error}>
          {(control) => (
            <PositionSelect
              {...control}
              value={position}
              onChange={setPosition}
              emptyLabel={t('profile.noPosition')}
              holderRole={invitation.networkRole}
            />
          )}
        </Field>
        <LanguagesInput
          legend={t('profile.languages')}
          value={languages}
          onChange={setLanguages}
          error={accept.error}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={accept.busy}>
            {t('accept.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
