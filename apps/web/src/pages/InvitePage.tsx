import {
  NETWORK_ROLES,
  type InvitationView,
  type MailLanguage,
  type NetworkRole,
} from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource, useSubmit } from '../api/hooks';
import { CitySelect, useAllCities } from '../features/cities/CitySelect';
import { hasRole, useMe } from '../features/identity/session';
import { InviteLink } from '../features/invitations/InviteLink';
import { invitationsApi } from '../features/invitations/invitations.api';
import { OpenInvitations } from '../features/invitations/OpenInvitations';
import { UI_LANGUAGES } from '../i18n';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function InvitePage() {
  const { t } = useTranslation();
  const me = useMe();
  const cities = useAllCities();
  const open = useResource(() => invitationsApi.listOpen(), 'open-invitations');
  const [email, setEmail] = useState('');
  const [networkRole, setNetworkRole] = useState<NetworkRole>('member');
  const [cityId, setCityId] = useState('');
  const [language, setLanguage] = useState<MailLanguage | ''>('');
  const [created, setCreated] = useState<InvitationView | null>(null);
  // Coordinators invite members and coordinators; only admins invite admins (the API enforces it too).
  const roles = NETWORK_ROLES.filter((role) => role !== 'admin' || hasRole(me, 'admin'));
  useDocumentTitle(t('invite.title'));

  const invite = useSubmit(async () => {
    const invitation = await invitationsApi.create({
      email: email.trim(),
      networkRole,
      ...(cityId ? { cityId } : {}),
      ...(language ? { language } : {}),
    });
    setCreated(invitation);
    setEmail('');
    open.reload();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    void invite.submit();
  };

  return (
    <>
      <h1>{t('invite.title')}</h1>
      <p className="lead">{t('invite.intro')}</p>
      <div className="two-columns invite-layout">
        <form className="form panel" onSubmit={onSubmit} aria-labelledby="invite-form-heading">
          <h2 id="invite-form-heading">{t('invite.formHeading')}</h2>
          <ErrorNotice
            error={invite.error}
            fields={{
              email: t('invite.email'),
              networkRole: t('invite.role'),
              cityId: t('invite.cityOptional'),
              language: t('invite.mailLanguage'),
            }}
          />
          <Field label={t('invite.email')} name="email" error={invite.error}>
            {(control) => (
              <input
                {...control}
                type="email"
                required
                maxLength={254}
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('invite.role')} name="networkRole" error={invite.error}>
            {(control) => (
              <select
                {...control}
                value={networkRole}
                onChange={(e) => setNetworkRole(e.target.value as NetworkRole)}
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('invite.cityOptional')} name="cityId" error={invite.error}>
            {(control) => (
              <CitySelect
                {...control}
                cities={cities.data}
                value={cityId}
                onChange={setCityId}
                emptyLabel={t('invite.noCity')}
              />
            )}
          </Field>
          <Field label={t('invite.mailLanguage')} name="language" error={invite.error}>
            {(control) => (
              <select
                {...control}
                value={language}
                onChange={(e) => setLanguage(e.target.value as MailLanguage | '')}
              >
                <option value="">{t('invite.mailLanguageAuto')}</option>
                {UI_LANGUAGES.map((option) => (
                  <option key={option.code} value={option.code} lang={option.code}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={invite.busy}>
              {t('invite.submit')}
            </button>
          </div>
          {created?.inviteUrl && <InviteLink url={created.inviteUrl} email={created.email} />}
        </form>
        <section aria-labelledby="open-invitations">
          <h2 id="open-invitations">{t('invite.openHeading')}</h2>
          <ErrorNotice error={open.error} />
          {open.loading && !open.data ? (
            <Loading />
          ) : (
            <OpenInvitations invitations={open.data ?? []} />
          )}
        </section>
      </div>
    </>
  );
}
