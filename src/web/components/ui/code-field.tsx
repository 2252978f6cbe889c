import type { TextFieldProps } from './text-field';
import { TextField } from './text-field';

interface CodeFieldProps extends Omit<TextFieldProps, 'type' | 'inputMode' | 'autoComplete'> {
  /** Six digits from an app, a mail or a text message; or a recovery code (letters and digits). */
  kind?: 'digits' | 'recovery';
}

/**
 * A field for a one-time code. Digits bring up the number pad and let the browser offer a
 * code that arrived by SMS (autocomplete="one-time-code"); recovery codes are plain text.
 */
export function CodeField({ kind = 'digits', ...props }: CodeFieldProps) {
  return (
    <TextField
      {...props}
      type="text"
      inputMode={kind === 'digits' ? 'numeric' : 'text'}
      autoComplete={kind === 'digits' ? 'one-time-code' : 'off'}
      autoCapitalize={kind === 'digits' ? 'none' : 'characters'}
      autoCorrect="off"
      spellCheck={false}
      maxLength={kind === 'digits' ? 12 : 40}
    />
  );
}

/** The code as the server wants it: digits only for a six-digit code, trimmed otherwise. */
export function normalizeCode(value: string, kind: CodeFieldProps['kind'] = 'digits'): string {
  return kind === 'digits' ? value.replace(/\D/g, '') : value.trim();
}
