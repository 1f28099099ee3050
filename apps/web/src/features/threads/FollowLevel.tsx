// How the reader follows a thread: watching (every new post), normal (replies to them and
// mentions), muted (mentions only).
import { FOLLOW_LEVELS, type FollowLevel as Level } from '@contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { threadsApi } from './threads.api';

export function FollowLevel({ threadId, level }: { threadId: string; level: Level }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(level);
  const [error, setError] = useState<unknown>(null);
  const change = async (next: Level) => {
    const before = value;
    setValue(next);
    setError(null);
    try {
      await threadsApi.follow(threadId, next);
    } catch (failure) {
      setValue(before);
      setError(failure);
    }
  };
  return (
    <div className="field field--inline follow-level">
      <label htmlFor={id}>{t('threads.follow')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => void change(e.target.value as Level)}
        aria-describedby={`${id}-hint`}
      >
        {FOLLOW_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`threads.followLevels.${l}`)}
          </option>
        ))}
      </select>
      <p className="field__hint" id={`${id}-hint`}>
        {t(`threads.followHints.${value}`)}
      </p>
      <ErrorNotice error={error} />
    </div>
  );
}
