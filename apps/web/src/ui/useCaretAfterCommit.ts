// Placing the caret after a text field's value was replaced (a mention picked from a list).
// Done in a layout effect, right after React writes the new value and before the browser handles
// the next key, never in an animation frame: on a busy phone the frame comes after the writer's
// next letters, and moving the caret then scrambles what they typed.
import { type RefObject, useCallback, useLayoutEffect, useRef } from 'react';

/** Returns `placeCaret(at)`: the field gets focus and its caret at `at` after the next commit. */
export function useCaretAfterCommit(
  field: RefObject<HTMLTextAreaElement | HTMLInputElement | null>,
): (at: number) => void {
  const pending = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = pending.current;
    if (at === null) return;
    pending.current = null;
    field.current?.focus();
    field.current?.setSelectionRange(at, at);
  });
  return useCallback((at: number) => {
    pending.current = at;
  }, []);
}
