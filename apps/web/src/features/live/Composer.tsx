// Writing in a room: Enter sends, Shift+Enter breaks the line, the 4,000-character limit is
// counted as you type; "@" and part of a name offers the people who can see the room (arrows to
// choose, Enter or Tab to take, Escape to close); in session rooms a message can go to the
// question queue. A muted member sees until when, with the composer disabled; what cannot be
// sent (too fast, read-only) is said plainly, and the text is kept.
import { MAX_BODY_LENGTH, type PersonSummary } from '@contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaretAfterCommit } from '../../ui/useCaretAfterCommit';
import { useViewerZone } from '../time/viewerZone';
import { liveApi } from './live.api';
import { momentText } from './liveText';
import { insertMention, type Mentioned, mentionQuery, toWireBody } from './mentionInput';
import type { LiveRoom } from './room';

export const COMPOSER_ID = 'composer';

/** People matching the "@query" being typed, asked a moment after the last key. */
function useMentionSuggestions(roomId: string, query: string | null): PersonSummary[] {
  const [people, setPeople] = useState<PersonSummary[]>([]);
  useEffect(() => {
    if (query === null) {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      liveApi.mentionable(roomId, query).then(
        (found) => current && setPeople(found),
        () => current && setPeople([]),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [roomId, query]);
  return people;
}

export function Composer({
  room,
  questions,
  mutedUntil,
}: {
  room: LiveRoom;
  questions: boolean;
  /** Until when the writer is muted here, or null. */
  mutedUntil: string | null;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [isQuestion, setIsQuestion] = useState(false);
  const [mentioned, setMentioned] = useState<Mentioned[]>([]);
  const [typed, setTyped] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const placeCaret = useCaretAfterCommit(textarea);
  const [muted, setMuted] = useState(
    () => mutedUntil !== null && Date.parse(mutedUntil) > Date.now(),
  );
  const suggestions = useMentionSuggestions(room.roomId, typed?.query ?? null);
  const open = typed !== null && suggestions.length > 0;
  const length = body.length;
  const tooLong = length > MAX_BODY_LENGTH;
  const number = new Intl.NumberFormat(i18n.language);

  // A mute lifts itself when it runs out (the server sends nothing then).
  useEffect(() => {
    const until = mutedUntil === null ? 0 : Date.parse(mutedUntil);
    setMuted(until > Date.now());
    if (until <= Date.now()) return;
    const timer = setTimeout(() => setMuted(false), Math.min(until - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [mutedUntil]);

  useEffect(() => setActive(0), [suggestions]);

  const send = () => {
    const text = body.trim();
    if (!text || tooLong || muted) return;
    room.send(toWireBody(text, mentioned), questions && isQuestion);
    setBody('');
    setMentioned([]);
    setTyped(null);
    setIsQuestion(false);
  };
  const pick = (person: PersonSummary) => {
    if (!typed) return;
    const caret = textarea.current?.selectionStart ?? body.length;
    const next = insertMention(body, caret, typed.start, person);
    setBody(next.text);
    setMentioned((list) => [
      ...list.filter((p) => p.id !== person.id),
      { id: person.id, displayName: person.displayName },
    ]);
    setTyped(null);
    placeCaret(next.caret);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const chosen = suggestions[active];
        if (chosen) pick(chosen);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setTyped(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {muted && mutedUntil && (
        <p className="notice notice--warning" role="status" data-testid="muted-notice">
          {t('live.youAreMuted', { time: momentText(mutedUntil, i18n.language, zone) })}
        </p>
      )}
      <label htmlFor={COMPOSER_ID} className="composer__label">
        {t('live.composer')}
      </label>
      <div className="composer__field">
        <textarea
          id={COMPOSER_ID}
          ref={textarea}
          value={body}
          rows={3}
          disabled={muted}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={`${id}-people`}
          aria-activedescendant={open ? `${id}-person-${active}` : undefined}
          aria-describedby={`${id}-hint ${id}-count`}
          aria-invalid={tooLong || undefined}
          onChange={(e) => {
            setBody(e.target.value);
            setTyped(mentionQuery(e.target.value, e.target.selectionStart));
            if (e.target.value) room.typing();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setTyped(null), 150)}
        />
        <ul
          id={`${id}-people`}
          role="listbox"
          aria-label={t('live.mentionSuggestions')}
          className="composer__suggestions"
          hidden={!open}
          data-testid="mention-suggestions"
        >
          {open &&
            suggestions.map((person, index) => (
              <li
                key={person.id}
                id={`${id}-person-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'suggestion suggestion--active' : 'suggestion'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(person);
                }}
              >
                <span>{person.displayName}</span>
                {person.city && <span className="muted"> · {person.city.name}</span>}
              </li>
            ))}
        </ul>
      </div>
      <div className="composer__footer">
        <p className="field__hint" id={`${id}-hint`}>
          {t('live.composerHint')}
        </p>
        <p
          className={tooLong ? 'composer__count composer__count--over' : 'composer__count'}
          id={`${id}-count`}
          data-testid="composer-count"
        >
          {tooLong
            ? t('live.tooLong', { over: number.format(length - MAX_BODY_LENGTH) })
            : t('live.characters', {
                used: number.format(length),
                max: number.format(MAX_BODY_LENGTH),
              })}
        </p>
      </div>
      <div className="actions actions--tight">
        {questions && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={isQuestion}
              disabled={muted}
              onChange={(e) => setIsQuestion(e.target.checked)}
            />
            {t('live.askAsQuestion')}
          </label>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={muted || !body.trim() || tooLong}
        >
          {t('live.send')}
        </button>
      </div>
    </form>
  );
}
