// Writing in a room: Enter sends, Shift+Enter breaks the line, the 4,000-character limit is
// counted as you type; in session rooms a message can go to the question queue. What cannot be
// sent (muted, too fast, read-only) is said plainly, and the text is kept.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type LiveRoom, MAX_BODY_LENGTH } from './room';

export function Composer({ room, questions }: { room: LiveRoom; questions: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [isQuestion, setIsQuestion] = useState(false);
  const length = body.length;
  const tooLong = length > MAX_BODY_LENGTH;
  const number = new Intl.NumberFormat(i18n.language);

  const send = () => {
    const text = body.trim();
    if (!text || tooLong) return;
    room.send(text, questions && isQuestion);
    setBody('');
    setIsQuestion(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={id} className="composer__label">
        {t('live.composer')}
      </label>
      <textarea
        id={id}
        value={body}
        rows={3}
        aria-describedby={`${id}-hint ${id}-count`}
        aria-invalid={tooLong || undefined}
        onChange={(e) => {
          setBody(e.target.value);
          if (e.target.value) room.typing();
        }}
        onKeyDown={onKeyDown}
      />
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
              onChange={(e) => setIsQuestion(e.target.checked)}
            />
            {t('live.askAsQuestion')}
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={!body.trim() || tooLong}>
          {t('live.send')}
        </button>
      </div>
    </form>
  );
}
