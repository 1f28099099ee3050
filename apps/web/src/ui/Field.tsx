// A labelled form control with its hint and the API's problems for that field.
import i18n from 'i18next';
import { useId, type ReactNode } from 'react';
import { ApiRequestError } from '../api/client';
import { fieldProblemTexts } from './errorText';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * The problems the API reported for one field (VALIDATION_FAILED details), in the reader's
 * language: the API's own (English) words in English, a sentence of ours in the others.
 */
export function problemsFor(error: unknown, field: string): string[] {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return [];
  const problems = (error.details as FieldProblem[])
    .filter((d) => d && (d.field === field || d.field.startsWith(`${field}.`)))
    .flatMap((d) => d.problems);
  // The client's one i18next instance (i18n/index.ts), not its catalogues: they stay in the entry.
  return fieldProblemTexts(i18n.t, i18n.resolvedLanguage ?? i18n.language, problems);
}

/** The API's problems for one field, referenced by its control's aria-describedby. */
export function FieldProblems({ id, problems }: { id: string; problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field__problems" id={id}>
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  hint,
  error,
  name,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: unknown;
  name?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const problems = name ? problemsFor(error, name) : [];
  const describedBy = [hint ? `${id}-hint` : null, problems.length ? `${id}-problems` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': problems.length ? true : undefined,
      })}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}
