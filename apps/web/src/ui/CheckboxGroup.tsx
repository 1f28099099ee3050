// A fieldset of checkboxes for choosing several values (themes, languages, weekdays).
import { useId, type ReactNode } from 'react';
import { FieldProblems } from './Field';

export interface Choice {
  value: string;
  label: string;
  lang?: string;
}

export function CheckboxGroup({
  legend,
  choices,
  selected,
  onChange,
  hint,
  problems = [],
}: {
  legend: ReactNode;
  choices: Choice[];
  selected: string[];
  onChange: (selected: string[]) => void;
  hint?: ReactNode;
  problems?: string[];
}) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={problems.length ? `${id}-problems` : hint ? `${id}-hint` : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="checkbox-group__choices">
        {choices.map((choice) => (
          <label key={choice.value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(choice.value)}
              onChange={(event) => toggle(choice.value, event.target.checked)}
            />
            <span lang={choice.lang}>{choice.label}</span>
          </label>
        ))}
      </div>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}
