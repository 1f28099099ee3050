import { useTranslation } from 'react-i18next';
import { clockIn, placeOfZone } from './zones';
import { useNow } from './useNow';

/** "09:12 in Denver": a person's (or city's) wall clock, named by their city or their zone. */
export function LocalTime({ timeZone, place }: { timeZone: string; place?: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const time = clockIn(timeZone, now, i18n.language);
  if (!time) return null;
  return (
    <span className="local-time" title={timeZone}>
      {t('time.localTime', { time, place: place || placeOfZone(timeZone, i18n.language) })}
    </span>
  );
}
