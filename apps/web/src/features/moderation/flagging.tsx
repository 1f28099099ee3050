// Reporting (flagging) from any page: `useFlagging().report(subjectType, subjectId)` opens the one
// report dialog of the tab. Items reported for a serious reason are hidden from the reporter at
// once (the server stops showing them too), so pages ask `useHiddenByReport` and show a
// placeholder instead, without a reload.
import type { FlaggableSubjectType, FlagReceipt } from '@contracts';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { FlagDialog } from './FlagDialog';

export interface FlagTarget {
  subjectType: FlaggableSubjectType;
  subjectId: string;
}

interface Flagging {
  /**
   * Opens the report dialog for this item; focus returns to `returnFocus` (or what had it) after.
   */
  report: (
    subjectType: FlaggableSubjectType,
    subjectId: string,
    returnFocus?: HTMLElement | null,
  ) => void;
  /** Items this reader reported for a serious reason during this visit. */
  hidden: ReadonlySet<string>;
}

const keyOf = (subjectType: FlaggableSubjectType, subjectId: string) =>
  `${subjectType}:${subjectId}`;

const FlaggingContext = createContext<Flagging>({
  report: () => undefined,
  hidden: new Set(),
});

export function FlaggingProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<FlagTarget | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  /** What had focus when the dialog opened: focus returns there (or to the page) on close. */
  const opener = useRef<Element | null>(null);

  const report = useCallback(
    (subjectType: FlaggableSubjectType, subjectId: string, returnFocus?: HTMLElement | null) => {
      opener.current = returnFocus ?? document.activeElement;
      setTarget({ subjectType, subjectId });
    },
    [],
  );

  const onReported = useCallback((receipt: FlagReceipt) => {
    if (!receipt.hiddenFromReporter) return;
    setHidden((previous) => new Set(previous).add(keyOf(receipt.subjectType, receipt.subjectId)));
  }, []);

  const close = useCallback(() => {
    setTarget(null);
    const back = opener.current;
    opener.current = null;
    // The reported item may have become a placeholder: then the page's main region takes focus.
    requestAnimationFrame(() => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      else document.getElementById('main')?.focus();
    });
  }, []);

  const value = useMemo(() => ({ report, hidden }), [report, hidden]);
  return (
    <FlaggingContext.Provider value={value}>
      {children}
      {target && <FlagDialog target={target} onReported={onReported} onClose={close} />}
    </FlaggingContext.Provider>
  );
}

export function useFlagging(): Pick<Flagging, 'report'> {
  return useContext(FlaggingContext);
}

/** True when the reader reported this item for a serious reason during this visit. */
export function useHiddenByReport(
  subjectType: FlaggableSubjectType,
  subjectId: string | undefined,
): boolean {
  const { hidden } = useContext(FlaggingContext);
  return subjectId !== undefined && hidden.has(keyOf(subjectType, subjectId));
}

/** What the reporter sees where an item they reported for a serious reason was. */
export function HiddenByReport({ subjectType }: { subjectType: FlaggableSubjectType }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice--info reported-placeholder" data-testid="reported-placeholder">
      {t(`moderation.flag.hiddenPlaceholder.${subjectType}`)}
    </p>
  );
}
