import type { HomeSectionKind, HomeSections, HomeView } from '@contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What every section view receives: its own data and the whole answer (for the time zone). */
export interface SectionProps<K extends HomeSectionKind> {
  data: HomeSections[K];
  home: HomeView;
}

/** A titled block of the home page. */
export function HomeSection({
  kind,
  title,
  action,
  children,
}: {
  kind: HomeSectionKind;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="home-section" aria-labelledby={`home-${kind}`} data-testid={`home-${kind}`}>
      <div className="section-heading">
        <h2 id={`home-${kind}`}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** "And 3 more." under a list cut at its limit. */
export function MoreCount({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return <p className="muted">{t('home.more', { count: total - shown })}</p>;
}

/** A medium date and short time in the viewer's zone. */
export function useMomentFormat(timeZone: string): (iso: string) => string {
  const { i18n } = useTranslation();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
  } catch {
    format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  }
  return (iso) => format.format(new Date(iso));
}

/** A medium date in the viewer's zone. */
export function useDateFormat(timeZone: string): (iso: string) => string {
  const { i18n } = useTranslation();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone });
  } catch {
    format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  }
  return (iso) => format.format(new Date(iso));
}
