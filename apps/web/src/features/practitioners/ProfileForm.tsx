// Edit my profile: everything others see about me in the directory.
import type { MeView, NameWarning, Position, WorkingHours } from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { announceMe } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice, SuccessNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { CitySelect, useAllCities } from '../cities/CitySelect';
import { LanguagesInput } from '../languages/LanguagesInput';
import { ThemePicker } from '../themes/ThemePicker';
import { useThemes } from '../themes/themes';
import { TimeZoneSelect } from '../time/TimeZoneSelect';
import { WorkingHoursInput } from '../time/WorkingHours';
import { NameWarnings } from './NameWarnings';
import { PositionSelect } from './PositionSelect';
import { practitionersApi } from './practitioners.api';

export function ProfileForm({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const cities = useAllCities();
  const themes = useThemes();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [position, setPosition] = useState<Position | ''>(me.position ?? '');
  const [cityId, setCityId] = useState(me.city?.id ?? '');
  const [organisation, setOrganisation] = useState(me.organisation ?? '');
  const [languages, setLanguages] = useState(me.languages);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [workingHours, setWorkingHours] = useState<WorkingHours | null>(me.workingHours);
  const [themeSlugs, setThemeSlugs] = useState(me.themes.map((theme) => theme.slug));
  const [bio, setBio] = useState(me.bio);
  const [saved, setSaved] = useState(false);
  const [warnings, setWarnings] = useState<NameWarning[]>([]);

  const save = useSubmit(async () => {
    const updated = await practitionersApi.updateMe({
      displayName: displayName.trim(),
      position: position || null,
      cityId: cityId || null,
      organisation: organisation.trim() || null,
      languages,
      timeZone,
      workingHours,
      themes: themeSlugs,
      bio,
    });
    const { warnings: nameWarnings, ...profile } = updated;
    announceMe(profile);
    setWarnings(nameWarnings);
    setSaved(true);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setWarnings([]);
    void save.submit();
  };

  return (
    <form className="form panel" onSubmit={onSubmit} aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile.aboutYou')}</h2>
      <ErrorNotice
        error={save.error}
        fields={{
          displayName: t('profile.displayName'),
          position: t('profile.position'),
          cityId: t('profile.city'),
          organisation: t('profile.organisation'),
          languages: t('profile.languages'),
          timeZone: t('common.timeZone'),
          workingHours: t('profile.workingHours'),
          themes: t('profile.themes'),
          bio: t('profile.bio'),
        }}
      />
      {saved && <SuccessNotice>{t('profile.saved')}</SuccessNotice>}
      <NameWarnings warnings={warnings} />
      <Field label={t('profile.displayName')} name="displayName" error={save.error}>
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
      <div className="field-row">
        <Field label={t('profile.position')} name="position" error={save.error}>
          {(control) => (
            <PositionSelect
              {...control}
              value={position}
              onChange={setPosition}
              emptyLabel={t('profile.noPosition')}
              holderRole={me.networkRole}
            />
          )}
        </Field>
        <Field label={t('profile.city')} name="cityId" error={save.error}>
          {(control) => (
            <CitySelect
              {...control}
              cities={cities.data}
              value={cityId}
              onChange={setCityId}
              emptyLabel={t('profile.noCity')}
            />
          )}
        </Field>
      </div>
      <Field label={t('profile.organisation')} name="organisation" error={save.error}>
        {(control) => (
          <input
            {...control}
            maxLength={200}
            autoComplete="organization"
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
        )}
      </Field>
      <LanguagesInput
        legend={t('profile.languages')}
        value={languages}
        onChange={setLanguages}
        error={save.error}
      />
      <Field label={t('common.timeZone')} name="timeZone" error={save.error}>
        {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
      </Field>
      <WorkingHoursInput value={workingHours} onChange={setWorkingHours} error={save.error} />
      {themes.data && (
        <ThemePicker
          themes={themes.data}
          value={themeSlugs}
          onChange={setThemeSlugs}
          error={save.error}
        />
      )}
      <ErrorNotice error={themes.error ?? cities.error} />
      <Field label={t('profile.bio')} hint={t('profile.bioHint')} name="bio" error={save.error}>
        {(control) => (
          <textarea
            {...control}
            rows={6}
            maxLength={4000}
            value={bio}
            onChange={(e) => setBio(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {t('profile.save')}
        </button>
      </div>
    </form>
  );
}
