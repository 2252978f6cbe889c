/**
 * CSV export of audit events (RFC 4180): every cell quoted when it holds a quote, comma or line
 * break, quotes doubled. A cell that a spreadsheet would read as a formula (= + - @, and tab or
 * carriage return before one) is prefixed with an apostrophe (OWASP "CSV Injection"), since
 * emails, names and user agents in the log are chosen by whoever signed up.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralized against formulas, then quoted when needed. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line ending in CRLF. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'event', 'user_id', 'actor_id', 'ip', 'user_agent', 'details'] as const;
