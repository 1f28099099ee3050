import type { ThemeView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { problemsFor, type ControlProps } from '../../ui/Field';

export function ThemePicker({
  themes,
  value,
  onChange,
  error,
  legend,
}: {
  legend?: string;
  themes: ThemeView[];
  value: string[];
  onChange: (slugs: string[]) => void;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      legend={legend ?? t('profile.themes')}
      choices={themes.map((theme) => ({ value: theme.slug, label: theme.label }))}
      selected={value}
      onChange={onChange}
      problems={problemsFor(error, 'themes')}
    />
  );
}

export function ThemeList({ themes }: { themes: ThemeView[] }) {
  if (themes.length === 0) return null;
  return (
    <ul className="chips">
      {themes.map((theme) => (
        <li key={theme.id} className="chip">
          {theme.label}
        </li>
      ))}
    </ul>
  );
}

/** A select of one theme, for filters; the empty choice is labelled by `emptyLabel`. */
export function ThemeSelect({
  themes,
  value,
  onChange,
  emptyLabel,
  ...control
}: ControlProps & {
  themes: ThemeView[] | undefined;
  value: string;
  onChange: (slug: string) => void;
  emptyLabel: string;
}) {
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {(themes ?? []).map((theme) => (
        <option key={theme.slug} value={theme.slug}>
          {theme.label}
        </option>
      ))}
    </select>
  );
}
