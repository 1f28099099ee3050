// "Your time" is the signed-in person's profile zone, not the device's: someone travelling, or on
// a borrowed laptop, still sees sessions on the clock they planned by, and is told when it differs.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../identity/session';
import { browserTimeZone, sameZoneAllYear, zoneName } from './zones';

/** The zone the reader's times are shown in: their profile's, or the device's when signed out. */
export function useViewerZone(): string {
  const session = useSession();
  return session.status === 'signed-in' ? session.me.timeZone : browserTimeZone();
}

/** A short note where times are shown as the reader's, when the device keeps another clock. */
export function YourTimeNote() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  if (session.status !== 'signed-in') return null;
  const profileZone = session.me.timeZone;
  const deviceZone = browserTimeZone();
  if (sameZoneAllYear(profileZone, deviceZone)) return null;
  return (
    <p className="your-time-note" data-testid="your-time-note">
      {t('time.profileZoneNote', {
        profileZone: zoneName(profileZone, i18n.language),
        deviceZone: zoneName(deviceZone, i18n.language),
      })}{' '}
      <Link to="/me">{t('time.changeProfileZone')}</Link>
    </p>
  );
}
