// Choose languages: common ones as checkboxes, others typed as BCP 47 tags.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { Field, problemsFor } from '../../ui/Field';
import { COMMON_LANGUAGES, languageName, parseLanguageTags } from './languages';

export function LanguagesInput({
  legend,
  value,
  onChange,
  error,
  name = 'languages',
}: {
  legend: string;
  value: string[];
  onChange: (tags: string[]) => void;
  error?: unknown;
  name?: string;
}) {
  const { t, i18n } = useTranslation();
  const common = value.filter((tag) => COMMON_LANGUAGES.includes(tag));
  const [otherText, setOtherText] = useState(() =>
    value.filter((tag) => !COMMON_LANGUAGES.includes(tag)).join(', '),
  );
  const others = (text: string) =>
    parseLanguageTags(text).tags.filter((tag) => !COMMON_LANGUAGES.includes(tag));
  const choices = COMMON_LANGUAGES.map((tag) => ({
    value: tag,
    label: languageName(tag, i18n.language),
  })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  return (
    <div className="languages-input">
      <CheckboxGroup
        legend={legend}
        choices={choices}
        selected={common}
        onChange={(selected) => onChange([...selected, ...others(otherText)])}
        problems={problemsFor(error, name)}
      />
      <Field label={t('languages.other')} hint={t('languages.otherHint')}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={otherText}
            onChange={(event) => {
              setOtherText(event.target.value);
              onChange([...common, ...others(event.target.value)]);
            }}
          />
        )}
      </Field>
    </div>
  );
}

/** A select of languages for filtering. */
export function languageOptions(locale: string): Array<{ value: string; label: string }> {
  return COMMON_LANGUAGES.map((tag) => ({ value: tag, label: languageName(tag, locale) })).sort(
    (a, b) => a.label.localeCompare(b.label, locale),
  );
}
