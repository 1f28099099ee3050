// The audit log: every moderation action, newest first, filtered by exchange and by what it was
// about; a table on wide screens, stacked cards where narrow; "load more" pages by cursor, and
// the same lines (with the same filters) download as CSV.
import {
  MODERATION_SUBJECT_TYPES,
  type ExchangeSummary,
  type ModerationSubjectType,
} from '@contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LoadMore } from '../../ui/LoadMore';
import { useViewerZone } from '../time/viewerZone';
import { ExchangeFilter } from './ExchangeFilter';
import { moderationApi } from './moderation.api';
import { dateTimeIn } from './moderationText';

export function AuditLog({
  exchangeId,
  targetType,
  exchanges,
  onFilters,
}: {
  exchangeId: string;
  targetType: ModerationSubjectType | '';
  exchanges: ExchangeSummary[];
  onFilters: (filters: { exchangeId: string; targetType: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const filters = { exchangeId, targetType };
  const list = usePagedList(
    (cursor) => moderationApi.actions(filters, cursor),
    `audit:${exchangeId}:${targetType}`,
  );
  const download = () => {
    setDownloadError(null);
    moderationApi.downloadCsv(filters).catch(setDownloadError);
  };
  return (
    <section aria-labelledby="audit-heading" className="audit-log">
      <h2 id="audit-heading">{t('moderation.audit.heading')}</h2>
      <p className="muted">{t('moderation.audit.intro')}</p>
      <div className="filters moderation-filters">
        <ExchangeFilter
          value={exchangeId}
          exchanges={exchanges}
          onChange={(next) => onFilters({ exchangeId: next, targetType })}
        />
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('moderation.filters.targetType')}</label>
          <select
            id={`${id}-target`}
            value={targetType}
            onChange={(e) => onFilters({ exchangeId, targetType: e.target.value })}
          >
            <option value="">{t('moderation.filters.allTargets')}</option>
            {MODERATION_SUBJECT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`moderation.subjects.${type}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p>
        <button type="button" className="button button--small" onClick={download}>
          {t('moderation.audit.downloadCsv')}
        </button>
      </p>
      <ErrorNotice error={downloadError} />
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--stacked audit-table" data-testid="audit-log">
            <caption className="visually-hidden">{t('moderation.audit.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('moderation.audit.when')}</th>
                <th scope="col">{t('moderation.audit.action')}</th>
                <th scope="col">{t('moderation.audit.target')}</th>
                <th scope="col">{t('moderation.audit.exchange')}</th>
                <th scope="col">{t('moderation.audit.actor')}</th>
                <th scope="col">{t('moderation.audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((line) => (
                <tr key={line.id} data-testid="audit-line">
                  <td data-label={t('moderation.audit.when')}>
                    <time dateTime={line.createdAt}>
                      {dateTimeIn(line.createdAt, i18n.language, zone)}
                    </time>
                  </td>
                  <td data-label={t('moderation.audit.action')}>
                    {t(`moderation.actions.${line.action}`)}
                  </td>
                  <td data-label={t('moderation.audit.target')}>
                    {t(`moderation.subjects.${line.subjectType}`)}
                    {line.targetName && ` · ${line.targetName}`}
                  </td>
                  <td data-label={t('moderation.audit.exchange')}>
                    {line.exchangeTitle ?? t('moderation.audit.network')}
                  </td>
                  <td data-label={t('moderation.audit.actor')}>{line.actorName ?? '—'}</td>
                  <td data-label={t('moderation.audit.reason')} className="audit-table__reason">
                    {line.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} empty={t('moderation.audit.empty')} />
    </section>
  );
}
