import type { ReactNode } from 'react';

const TONES = {
  error: 'border-danger-200 bg-danger-50 text-danger-800',
  success: 'border-success-200 bg-success-50 text-success-800',
  info: 'border-brand-100 bg-brand-50 text-brand-900',
  warning: 'border-warning-200 bg-warning-50 text-warning-800',
} as const;

export type AlertTone = keyof typeof TONES;

/**
 * A live region that is always in the page, so screen readers announce what appears in it
 * (a region added together with its text is often not read). Empty, it takes no space.
 */
export function FormAlert({ tone = 'error', children }: { tone?: AlertTone; children?: ReactNode }) {
  const empty = children === undefined || children === null || children === false || children === '';
  return (
    <div aria-live="assertive" aria-atomic="true">
      {!empty && (
        <div data-tone={tone} className={`space-y-2 rounded-lg border px-4 py-3 text-base ${TONES[tone]}`}>
          {children}
        </div>
      )}
    </div>
  );
}

/** A notice that is on the page from the start (not announced), such as "You are signed out". */
export function Notice({ tone = 'info', children }: { tone?: AlertTone; children: ReactNode }) {
  return <div className={`space-y-2 rounded-lg border px-4 py-3 text-base ${TONES[tone]}`}>{children}</div>;
}
