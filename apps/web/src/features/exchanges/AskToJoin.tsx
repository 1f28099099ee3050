// What a member of the network who is not in the exchange sees: a way in.
import type { ExchangeSummary } from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice, SuccessNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { exchangesApi } from './exchanges.api';

export function AskToJoin({
  exchange,
  onAsked,
}: {
  exchange: ExchangeSummary;
  onAsked: () => void;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const ask = useSubmit(async () => {
    await exchangesApi.requestToJoin(exchange.id, message.trim());
    setSent(true);
    onAsked();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void ask.submit();
  };

  if (sent) return <SuccessNotice>{t('exchanges.joinRequested')}</SuccessNotice>;
  if (exchange.myJoinRequestPending)
    return <p className="notice notice--info">{t('exchanges.pendingExplained')}</p>;
  if (exchange.status === 'concluded')
    return <p className="notice notice--info">{t('exchanges.concludedNoJoin')}</p>;
  return (
    <form className="form panel" onSubmit={onSubmit} aria-labelledby="ask-to-join-heading">
      <h2 id="ask-to-join-heading">{t('exchanges.askToJoin')}</h2>
      <p>{t('exchanges.notMember')}</p>
      <ErrorNotice error={ask.error} />
      <Field label={t('exchanges.joinMessage')} name="message" error={ask.error}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={1000}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={ask.busy}>
          {t('exchanges.askToJoin')}
        </button>
      </div>
    </form>
  );
}
