// Starting a thread: in an exchange (?exchangeId=) or the commons, or from a live room message
// (?messageId=&roomId=), which becomes its opening post.
import { THREAD_KINDS, THREAD_LIMITS, type ThreadKind } from '@contracts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useResource, useSubmit } from '../api/hooks';
import { exchangesApi } from '../features/exchanges/exchanges.api';
import { ThemePicker } from '../features/themes/ThemePicker';
import { useThemes } from '../features/themes/themes';
import { type ComposedPost, PostComposer } from '../features/threads/PostComposer';
import { newClientId, threadsApi } from '../features/threads/threads.api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function NewThreadPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const exchangeId = params.get('exchangeId');
  const messageId = params.get('messageId');
  const roomId = params.get('roomId');
  const themes = useThemes();
  const exchange = useResource(
    () => (exchangeId ? exchangesApi.get(exchangeId) : Promise.resolve(null)),
    `new-thread:${exchangeId ?? 'commons'}`,
  );
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ThreadKind>(messageId ? 'question' : 'discussion');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const clientId = useRef(newClientId());
  useDocumentTitle(t('threads.start'));

  const start = async (composed: ComposedPost) => {
    setError(null);
    try {
      const page = await threadsApi.create({
        exchangeId,
        title,
        kind,
        themes: chosen,
        language: composed.language,
        body: composed.body,
        clientId: composed.clientId,
        attachmentIds: composed.attachmentIds,
      });
      void navigate(`/threads/${page.thread.id}`);
    } catch (failure) {
      setError(failure);
      throw failure;
    }
  };
  const fromMessage = useSubmit(async () => {
    if (!messageId || !roomId) return;
    const page = await threadsApi.fromMessage(messageId, {
      roomId,
      title,
      kind,
      themes: chosen,
      clientId: clientId.current,
    });
    void navigate(`/threads/${page.thread.id}`);
  });

  const place = exchangeId
    ? t('threads.inExchange', { title: exchange.data?.title ?? '' })
    : t('threads.inCommons');
  return (
    <>
      <h1>{messageId ? t('threads.startFromMessage') : t('threads.start')}</h1>
      <p className="lead">{messageId ? t('threads.fromMessageIntro') : place}</p>
      <div className="form">
        <Field label={t('threads.title')} name="title" error={error ?? fromMessage.error}>
          {(control) => (
            <input
              {...control}
              value={title}
              required
              minLength={THREAD_LIMITS.title.min}
              maxLength={THREAD_LIMITS.title.max}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('threads.kind')}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(e) => setKind(e.target.value as ThreadKind)}
            >
              {THREAD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`threads.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="field__hint">{t(`threads.kindHints.${kind}`)}</p>
        {themes.data && (
          <ThemePicker
            legend={t('threads.themes')}
            themes={themes.data}
            value={chosen}
            onChange={(slugs) => setChosen(slugs.slice(0, THREAD_LIMITS.themes))}
          />
        )}
        {messageId ? (
          <>
            <ErrorNotice error={fromMessage.error} />
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={fromMessage.busy || title.trim().length < THREAD_LIMITS.title.min}
                onClick={() => void fromMessage.submit()}
              >
                {t('threads.startFromMessage')}
              </button>
            </div>
          </>
        ) : (
          <PostComposer
            exchangeId={exchangeId}
            label={t('threads.openingPost')}
            submitLabel={t('threads.start')}
            onSubmit={start}
          />
        )}
      </div>
    </>
  );
}
