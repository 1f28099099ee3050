// Writing a post: markdown with a preview, the post's language, attachments, and @mention
// completion (type @ and a few letters: the people who may read the thread, as a listbox the
// arrow keys and Enter work). A send keeps its client id until it succeeds, so retrying after a
// network failure never posts twice.
import { type FileView, mentionToken, type PersonSummary, THREAD_LIMITS } from '@contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Markdown } from '../../ui/Markdown';
import { useCaretAfterCommit } from '../../ui/useCaretAfterCommit';
import { FileUploader } from '../files/FileUploader';
import { useMe } from '../identity/session';
import { COMMON_LANGUAGES, languageName } from '../languages/languages';
import { newClientId, threadsApi } from './threads.api';

export interface ComposedPost {
  body: string;
  language: string;
  attachmentIds: string[];
  clientId: string;
}

/** The "@abc" being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@[\]()]{0,30})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

export function PostComposer({
  exchangeId,
  label,
  submitLabel,
  initialBody = '',
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  /** Who may be mentioned: the exchange's readers, or (null) the network's. */
  exchangeId: string | null;
  label: string;
  submitLabel: string;
  initialBody?: string;
  onSubmit: (post: ComposedPost) => Promise<void>;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initialBody);
  const [language, setLanguage] = useState(
    () => me.languages.find((l) => ['en', 'fr', 'nl', 'de'].includes(l)) ?? i18n.language,
  );
  const [files, setFiles] = useState<FileView[]>([]);
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const clientId = useRef(newClientId());
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<PersonSummary[]>([]);
  const [active, setActive] = useState(0);
  const placeCaret = useCaretAfterCommit(area);

  useEffect(() => {
    if (!mention) return;
    let alive = true;
    const timer = setTimeout(() => {
      threadsApi.mentionable(exchangeId, mention.query).then(
        (found) => {
          if (!alive) return;
          setPeople(found);
          setActive(0);
        },
        () => alive && setPeople([]),
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [mention, exchangeId]);

  const track = (text: string, caret: number) => {
    setBody(text);
    setMention(mentionQuery(text, caret));
  };

  const choose = (person: PersonSummary) => {
    if (!mention) return;
    const caret = area.current?.selectionStart ?? body.length;
    const token = `${mentionToken(person)} `;
    const next = body.slice(0, mention.start) + token + body.slice(caret);
    setBody(next);
    setMention(null);
    setPeople([]);
    placeCaret(mention.start + token.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && onCancel && !mention) onCancel();
    if (!mention || people.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + people.length) % people.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(people[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setMention(null);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        body,
        language,
        attachmentIds: files.map((f) => f.id),
        clientId: clientId.current,
      });
      setBody('');
      setFiles([]);
      setPreview(false);
      clientId.current = newClientId();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const listId = `${id}-people`;
  const open = mention !== null && people.length > 0;
  return (
    <form className="composer post-composer" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-body`}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('threads.composerHint')}
        </p>
        <div className="mention-box">
          <textarea
            ref={area}
            id={`${id}-body`}
            aria-describedby={`${id}-hint`}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            rows={5}
            maxLength={THREAD_LIMITS.body.max}
            value={body}
            autoFocus={autoFocus}
            onChange={(e) => track(e.target.value, e.target.selectionStart)}
            onKeyDown={onKeyDown}
          />
          <ul
            id={listId}
            role="listbox"
            className="mention-list"
            hidden={!open}
            aria-label={t('threads.mentionSomeone')}
          >
            {open &&
              people.map((person, index) => (
                <li
                  key={person.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={
                    index === active
                      ? 'mention-list__item mention-list__item--active'
                      : 'mention-list__item'
                  }
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(person);
                  }}
                >
                  {person.displayName}
                  {person.city && <span className="muted"> · {person.city.name}</span>}
                </li>
              ))}
          </ul>
        </div>
      </div>
      <div className="composer__row">
        <div className="field field--inline">
          <label htmlFor={`${id}-language`}>{t('threads.language')}</label>
          <select
            id={`${id}-language`}
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          >
            {[...new Set([language, ...COMMON_LANGUAGES])].map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button--small"
          aria-expanded={preview}
          aria-controls={`${id}-preview`}
          onClick={() => setPreview((shown) => !shown)}
        >
          {preview ? t('markdown.hidePreview') : t('markdown.showPreview')}
        </button>
      </div>
      <div id={`${id}-preview`} hidden={!preview}>
        {preview && (
          <section className="markdown-preview" aria-label={t('markdown.preview')}>
            {body.trim() ? (
              <Markdown text={body} myId={me.id} lang={language} />
            ) : (
              <p className="muted">{t('markdown.nothingYet')}</p>
            )}
          </section>
        )}
      </div>
      <FileUploader value={files} onChange={setFiles} disabled={busy} />
      <ErrorNotice
        error={error}
        fields={{
          body: label,
          language: t('threads.language'),
          attachmentIds: t('files.attachments'),
          attachments: t('files.attachments'),
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !body.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('live.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
