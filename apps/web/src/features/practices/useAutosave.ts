// Autosave for the editor: changes gather in a patch that is sent after a short pause (and before
// leaving). Each save carries the revision it was made on; the server answers 409 when someone
// else changed the entry since, and a repeated save changes nothing.
import type { PracticeWorkingView } from '@contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../../api/client';
import { practicesApi } from './practices.api';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

export interface Patch {
  texts?: Record<string, Record<string, string>>;
  [field: string]: unknown;
}

const PAUSE_MS = 1200;

function merge(into: Patch, change: Patch): Patch {
  const texts = { ...(into.texts ?? {}) };
  for (const [language, fields] of Object.entries(change.texts ?? {}))
    texts[language] = { ...(texts[language] ?? {}), ...fields };
  const { texts: _ignored, ...rest } = change;
  return { ...into, ...rest, ...(Object.keys(texts).length ? { texts } : {}) };
}

export function useAutosave(
  entry: PracticeWorkingView,
  onSaved: (entry: PracticeWorkingView) => void,
) {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<Patch>({});
  const revision = useRef(entry.revision);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saving = useRef<Promise<void> | null>(null);

  useEffect(() => {
    revision.current = entry.revision;
  }, [entry.revision]);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (saving.current) await saving.current;
    const patch = pending.current;
    if (Object.keys(patch).length === 0) return;
    pending.current = {};
    setState('saving');
    const body: Record<string, unknown> = { ...patch, baseRevision: revision.current };
    if (patch.texts)
      body.texts = Object.entries(patch.texts).map(([language, fields]) => ({
        language,
        ...fields,
      }));
    saving.current = practicesApi.update(entry.id, body).then(
      (saved) => {
        revision.current = saved.revision;
        setError(null);
        setState(Object.keys(pending.current).length ? 'pending' : 'saved');
        onSaved(saved);
      },
      (failure: unknown) => {
        // Keep the edit: it goes again with the next change (or the retry button).
        pending.current = merge(patch, pending.current);
        setError(failure);
        setState(
          failure instanceof ApiRequestError && failure.code === 'CONFLICT' ? 'conflict' : 'failed',
        );
      },
    );
    await saving.current;
    saving.current = null;
  }, [entry.id, onSaved]);

  const change = useCallback(
    (patch: Patch) => {
      pending.current = merge(pending.current, patch);
      setState('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), PAUSE_MS);
    },
    [flush],
  );

  // Leaving the page sends what is left.
  useEffect(() => () => void flush(), [flush]);

  /** A change saved another way (a document attached): the next save builds on its revision. */
  const adopt = useCallback((saved: PracticeWorkingView) => {
    revision.current = saved.revision;
  }, []);

  return { state, error, change, flush, adopt };
}
