// Where a draft comes from and whose words it quotes, as its editors manage them: each quote
// shows whether its speaker said yes.
import type { PracticeWorkingView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNeutral } from './PracticeDetail';
import { practicesApi } from './practices.api';

export function WorkingSources({
  entry,
  onChange,
  editable,
}: {
  entry: PracticeWorkingView;
  onChange: () => void;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const neutral = useNeutral();
  const remove = useSubmit(async (action: () => Promise<unknown>) => {
    await action();
    onChange();
  });
  return (
    <>
      <section aria-labelledby="working-provenance">
        <h2 id="working-provenance">{t('practices.provenance')}</h2>
        <ErrorNotice error={remove.error} />
        {entry.provenance.length === 0 ? (
          <p className="empty">{t('practices.noProvenance')}</p>
        ) : (
          <ul className="plain-list provenance">
            {entry.provenance.map((link) => (
              <li key={`${link.kind}-${link.id}`}>
                <span className="badge">{t(`practices.sourceKinds.${link.kind}`)}</span>{' '}
                {link.visible && link.url ? (
                  <Link to={link.url}>{link.title}</Link>
                ) : (
                  t('practices.hiddenSource')
                )}{' '}
                {editable && (
                  <button
                    type="button"
                    className="button button--small button--text"
                    onClick={() =>
                      void remove.submit(() =>
                        practicesApi.removeSource(entry.id, link.kind, link.id),
                      )
                    }
                  >
                    {t('practices.editor.unlink')}
                    <span className="visually-hidden">: {link.title ?? link.kind}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {entry.quotes.length > 0 && (
        <section aria-labelledby="working-quotes">
          <h2 id="working-quotes">{t('practices.quotes')}</h2>
          <ul className="plain-list">
            {entry.quotes.map((quote) => (
              <li key={quote.id} className="practice-quote" data-testid="working-quote">
                <blockquote className="quote">{quote.text}</blockquote>
                <p className="muted">
                  —{' '}
                  {quote.person
                    ? quote.attribution
                    : quote.neutralAttribution
                      ? neutral(quote.neutralAttribution)
                      : quote.attribution}{' '}
                  <span className={`badge badge--quote-${quote.status}`}>
                    {t(`practices.quoteStatus.${quote.status}`)}
                  </span>
                </p>
                {editable && (
                  <button
                    type="button"
                    className="button button--small button--text"
                    onClick={() =>
                      void remove.submit(() => practicesApi.removeQuote(entry.id, quote.id))
                    }
                  >
                    {t('practices.editor.removeQuote')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p className="field__hint">{t('practices.quoteConsentNote')}</p>
        </section>
      )}
    </>
  );
}
