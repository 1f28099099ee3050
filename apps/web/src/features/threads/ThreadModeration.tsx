// What a moderator may do to a thread: lock, pin, hide (and undo each), move it to another
// exchange or to the commons, merge it into another thread. Every action asks why: the reason
// goes to the audit log and to the author.
import type { ExchangeSummary, ThreadView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useResource } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { exchangesApi } from '../exchanges/exchanges.api';
import { ReasonForm } from '../live/ReasonForm';
import { threadsApi } from './threads.api';

type Action = 'lock' | 'unlock' | 'pin' | 'unpin' | 'hide' | 'restore' | 'move' | 'merge';

export function ThreadModeration({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [action, setAction] = useState<Action | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<unknown>(null);
  const exchanges = useResource(
    () => exchangesApi.list({ mine: 'true' }),
    action === 'move' ? 'move-targets' : 'none',
  );
  const choices: Action[] = [
    thread.locked ? 'unlock' : 'lock',
    thread.pinned ? 'unpin' : 'pin',
    thread.hidden ? 'restore' : 'hide',
    'move',
    'merge',
  ];
  const run = async (reason: string) => {
    setError(null);
    try {
      if (action === 'move') await threadsApi.move(thread.id, target || null, reason);
      else if (action === 'merge') {
        const into = /[0-9a-f-]{36}/i.exec(target)?.[0];
        if (!into) throw new Error(t('threads.mergeTargetHint'));
        await threadsApi.merge(thread.id, into.toLowerCase(), reason);
        void navigate(`/threads/${into.toLowerCase()}`);
      } else if (action) await threadsApi.moderate(thread.id, action, reason);
      setAction(null);
      setTarget('');
    } catch (failure) {
      setError(failure);
    }
  };
  const places: ExchangeSummary[] = (exchanges.data?.items ?? []).filter(
    (e) => e.id !== thread.exchange?.id,
  );
  return (
    <section className="panel thread-moderation" aria-labelledby="thread-moderation-heading">
      <h2 id="thread-moderation-heading">{t('threads.moderation')}</h2>
      {action === null ? (
        <div className="actions actions--tight">
          {choices.map((choice) => (
            <button
              key={choice}
              type="button"
              className="button button--small"
              onClick={() => setAction(choice)}
            >
              {t(`threads.actions.${choice}`)}
            </button>
          ))}
        </div>
      ) : (
        <ReasonForm
          label={t('threads.reasonFor', { action: t(`threads.actions.${action}`) })}
          submitLabel={t(`threads.actions.${action}`)}
          onSubmit={run}
          onCancel={() => setAction(null)}
        >
          {action === 'move' && (
            <div className="field">
              <label htmlFor="move-target">{t('threads.moveTo')}</label>
              <select id="move-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">{t('threads.commons')}</option>
                {places.map((exchange) => (
                  <option key={exchange.id} value={exchange.id}>
                    {exchange.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          {action === 'merge' && (
            <div className="field">
              <label htmlFor="merge-target">{t('threads.mergeInto')}</label>
              <p className="field__hint" id="merge-target-hint">
                {t('threads.mergeTargetHint')}
              </p>
              <input
                id="merge-target"
                aria-describedby="merge-target-hint"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
              />
            </div>
          )}
        </ReasonForm>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
