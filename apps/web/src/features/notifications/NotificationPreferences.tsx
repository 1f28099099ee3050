// Which kinds of notification I receive; each switch saves at once.
import { NOTIFICATION_KINDS, type NotificationKind } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useResource, useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { notificationsApi } from './notifications.api';

export function NotificationPreferences() {
  const { t } = useTranslation();
  const preferences = useResource(() => notificationsApi.preferences(), 'preferences');
  // The switch moves at once; a refused change puts it back.
  const save = useSubmit(async (kind: NotificationKind, enabled: boolean) => {
    if (preferences.data) preferences.setData({ ...preferences.data, [kind]: enabled });
    try {
      preferences.setData(await notificationsApi.setPreference(kind, enabled));
    } catch (error) {
      preferences.reload();
      throw error;
    }
  });
  return (
    <section className="panel" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t('notifications.preferences')}</h2>
      <p className="muted">{t('notifications.preferencesIntro')}</p>
      <ErrorNotice error={preferences.error ?? save.error} />
      {preferences.loading && !preferences.data && <Loading />}
      {preferences.data && (
        <fieldset className="field checkbox-group">
          <legend>{t('notifications.sendMe')}</legend>
          <div className="preferences">
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={preferences.data?.[kind] ?? true}
                  onChange={(event) => void save.submit(kind, event.target.checked)}
                />
                <span>{t(`notifications.kinds.${kind}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}
