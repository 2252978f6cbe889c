/** Countries and languages as people pick them: by name in English, stored as codes. */
import { COUNTRY_CODES } from '../../shared/profiles-contracts';
import { countryName } from './linkify';

export const COUNTRY_OPTIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Choose a country' },
  ...COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label)),
];

// The languages most freelancers list (ISO 639-1); any other code the API takes still shows.
const LANGUAGE_CODES = [
  'ar', 'bn', 'bg', 'ca', 'zh', 'hr', 'cs', 'da', 'nl', 'en', 'et', 'fi', 'fr', 'de', 'el', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'ko', 'lv', 'lt',
  'ms', 'no', 'fa', 'pl', 'pt', 'ro', 'ru', 'sr', 'sk', 'sl', 'es', 'sw', 'sv', 'tl', 'ta', 'th', 'tr', 'uk', 'ur', 'vi',
];
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
export const languageName = (code: string) => LANGUAGE_NAMES.of(code) ?? code;
export const LANGUAGE_OPTIONS: ReadonlyArray<{ value: string; label: string }> = LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) })).sort(
  (a, b) => a.label.localeCompare(b.label),
);
export const LANGUAGE_LEVELS: ReadonlyArray<{ value: 'basic' | 'conversational' | 'fluent' | 'native'; label: string }> = [
  { value: 'basic', label: 'Basic' },
  { value: 'conversational', label: 'Conversational' },
  { value: 'fluent', label: 'Fluent' },
  { value: 'native', label: 'Native or bilingual' },
];
