/** Checks the browser can make before sending; the server checks everything again. */
import type { FieldErrorMap } from '../hooks/use-form-errors';

/** Loose on purpose: the server's parser is the judge; this only catches obvious slips. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/** Adds `message` under `field` when `failed`. */
export function check(errors: FieldErrorMap, field: string, failed: boolean, message: string): void {
  if (failed) (errors[field] ??= []).push(message);
}

export function hasErrors(errors: FieldErrorMap): boolean {
  return Object.keys(errors).length > 0;
}
