/** The languages a freelancer speaks, each with a level: a row per language, added or removed. */
import { useId } from 'react';
import { LANGUAGE_LEVELS, LANGUAGE_OPTIONS, languageName } from '../../lib/places';
import { Button } from '../ui/button';
import { FieldErrors } from '../ui/field-parts';

export interface SpokenLanguage {
  code: string;
  level: 'basic' | 'conversational' | 'fluent' | 'native';
}

const selectClass = 'min-h-11 rounded-lg border border-ink-300 bg-white px-3 py-2 text-base text-ink-900';

export function LanguagesField({ value, onChange, errors }: { value: SpokenLanguage[]; onChange: (next: SpokenLanguage[]) => void; errors?: string[] | undefined }) {
  const id = useId();
  const unused = LANGUAGE_OPTIONS.find((o) => !value.some((l) => l.code === o.value));
  const change = (index: number, patch: Partial<SpokenLanguage>) => onChange(value.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${id}-errors` : undefined}>
      <legend className="text-sm font-semibold text-ink-900">Languages</legend>
      {value.map((language, index) => {
        const name = languageName(language.code);
        // A code outside the short list (set through the API) stays choosable.
        const options = LANGUAGE_OPTIONS.some((o) => o.value === language.code) ? LANGUAGE_OPTIONS : [{ value: language.code, label: name }, ...LANGUAGE_OPTIONS];
        return (
          <div key={language.code} className="flex flex-wrap items-center gap-2">
            <select aria-label={`Language ${index + 1}`} value={language.code} onChange={(e) => change(index, { code: e.target.value })} className={selectClass}>
              {options.map((o) => (
                <option key={o.value} value={o.value} disabled={o.value !== language.code && value.some((l) => l.code === o.value)}>
                  {o.label}
                </option>
              ))}
            </select>
            <select aria-label={`${name} level`} value={language.level} onChange={(e) => change(index, { level: e.target.value as SpokenLanguage['level'] })} className={selectClass}>
              {LANGUAGE_LEVELS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <Button variant="secondary" onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={`Remove ${name}`}>
              Remove
            </Button>
          </div>
        );
      })}
      {unused && (
        <Button variant="secondary" onClick={() => onChange([...value, { code: value.length === 0 ? 'en' : unused.value, level: 'fluent' }])}>
          Add a language
        </Button>
      )}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </fieldset>
  );
}
