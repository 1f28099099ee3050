// /moderation: the review queue and the audit log, for people who moderate (hosts of an exchange,
// coordinators, admins); everyone else is told they cannot moderate. The section and its filters
// live in the URL, so a filtered view can be shared.
import { MODERATION_SUBJECT_TYPES, type ModerationSubjectType } from '@contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { AuditLog } from '../features/moderation/AuditLog';
import { ExchangeFilter, useModeratedExchanges } from '../features/moderation/ExchangeFilter';
import { refreshOpenItems, useOpenItems } from '../features/moderation/openItems';
import { ReviewQueue } from '../features/moderation/ReviewQueue';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

type View = 'queue' | 'log';

function ModerationSections() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const exchanges = useModeratedExchanges();
  const view: View = params.get('view') === 'log' ? 'log' : 'queue';
  const exchangeId = params.get('exchangeId') ?? '';
  const target = params.get('targetType') ?? '';
  const targetType = (MODERATION_SUBJECT_TYPES as readonly string[]).includes(target)
    ? (target as ModerationSubjectType)
    : '';
  const set = (next: Record<string, string>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ view, exchangeId, targetType, ...next }))
      if (value && !(key === 'view' && value === 'queue')) search.set(key, value);
    setParams(search, { replace: true });
  };
  const searchFor = (which: View) => {
    const search = new URLSearchParams();
    if (which === 'log') search.set('view', 'log');
    if (exchangeId) search.set('exchangeId', exchangeId);
    return `?${search.toString()}`;
  };
  const tab = (which: View, label: string) => (
    <li>
      <Link
        to={{ search: searchFor(which) }}
        aria-current={view === which ? 'page' : undefined}
        className={view === which ? 'tabs__link tabs__link--current' : 'tabs__link'}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <nav aria-label={t('moderation.sections')} className="tabs">
        <ul>
          {tab('queue', t('moderation.queue.heading'))}
          {tab('log', t('moderation.audit.heading'))}
        </ul>
      </nav>
      {view === 'queue' ? (
        <>
          <div className="filters moderation-filters">
            <ExchangeFilter
              value={exchangeId}
              exchanges={exchanges}
              onChange={(next) => set({ exchangeId: next })}
            />
          </div>
          <ReviewQueue exchangeId={exchangeId} />
        </>
      ) : (
        <AuditLog
          exchangeId={exchangeId}
          targetType={targetType}
          exchanges={exchanges}
          onFilters={(next) => set(next)}
        />
      )}
    </>
  );
}

export function ModerationPage() {
  const { t } = useTranslation();
  const openItems = useOpenItems();
  useDocumentTitle(t('moderation.title'));
  useEffect(() => {
    void refreshOpenItems();
  }, []);
  return (
    <>
      <div className="page-heading">
        <h1>{t('moderation.title')}</h1>
      </div>
      {openItems.moderates === 'unknown' ? (
        openItems.error ? (
          <ErrorNotice error={openItems.error} />
        ) : (
          <Loading />
        )
      ) : openItems.moderates ? (
        <ModerationSections />
      ) : (
        <div className="notice notice--info" role="note" data-testid="cannot-moderate">
          {t('moderation.cannotModerate')}
        </div>
      )}
    </>
  );
}
