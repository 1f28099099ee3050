// Requests to quote my words: I see the words and the entry, and say yes or no (and may change my mind).
import type { QuoteRequestView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { practicesApi } from './practices.api';

export function QuoteRequestList({ requests }: { requests: QuoteRequestView[] }) {
  const { t } = useTranslation();
  const [decided, setDecided] = useState<Record<string, QuoteRequestView>>({});
  const decide = useSubmit(async (quoteId: string, accept: boolean) => {
    const view = await practicesApi.decideQuote(quoteId, accept);
    setDecided((current) => ({ ...current, [quoteId]: view }));
  });
  return (
    <>
      <ErrorNotice error={decide.error} />
      <ul className="plain-list quote-requests" data-testid="quote-requests">
        {requests.map((request) => {
          const shown = decided[request.quote.id] ?? request;
          return (
            <li key={request.quote.id} className="card">
              <p className="card__meta">
                {t('practices.consent.asks', { name: request.requestedBy.displayName })}{' '}
                <Link to={`/practices/${request.practice.id}`}>{request.practice.title}</Link>
              </p>
              <blockquote className="quote">{request.quote.text}</blockquote>
              <p className="muted" role="status">
                {t(`practices.quoteStatus.${shown.quote.status}`)}
              </p>
              <div className="actions">
                {shown.quote.status !== 'accepted' && (
                  <button
                    type="button"
                    className="button button--primary button--small"
                    onClick={() => void decide.submit(request.quote.id, true)}
                  >
                    {t('practices.consent.accept')}
                  </button>
                )}
                {shown.quote.status !== 'declined' && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void decide.submit(request.quote.id, false)}
                  >
                    {t('practices.consent.decline')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
