import type { ThemeView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { problemsFor } from '../../ui/Field';

export function ThemePicker({
  themes,
  value,
  onChange,
  error,
}: {
  themes: ThemeView[];
  value: string[];
  onChange: (slugs: string[]) => void;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      legend={t('profile.themes')}
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
