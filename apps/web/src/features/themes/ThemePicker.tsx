import type { ThemeView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { problemsFor, type ControlProps } from '../../ui/Field';
import { labelledThemes } from './themes';

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
  const { t, i18n } = useTranslation();
  return (
    <CheckboxGroup
      legend={legend ?? t('profile.themes')}
      choices={labelledThemes(themes, i18n.language).map(({ theme, label }) => ({
        value: theme.slug,
        label,
      }))}
      selected={value}
      onChange={onChange}
      problems={problemsFor(error, 'themes')}
    />
  );
}

export function ThemeList({ themes }: { themes: ThemeView[] }) {
  const { i18n } = useTranslation();
  if (themes.length === 0) return null;
  return (
    <ul className="chips">
      {labelledThemes(themes, i18n.language).map(({ theme, label }) => (
        <li key={theme.id} className="chip">
          {label}
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
  const { i18n } = useTranslation();
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {labelledThemes(themes ?? [], i18n.language).map(({ theme, label }) => (
        <option key={theme.slug} value={theme.slug}>
          {label}
        </option>
      ))}
    </select>
  );
}
