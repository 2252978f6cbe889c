/** One setting of the security page: its name, whether it is on, what it means, its buttons. */
import type { ReactNode } from 'react';

interface SettingRowProps {
  title: string;
  /** "On" / "Off", or a short state such as "7 left". */
  state: string;
  tone?: 'on' | 'off' | 'warning';
  children?: ReactNode;
  actions?: ReactNode;
}

const TONES = {
  on: 'bg-success-50 text-success-800 border-success-200',
  off: 'bg-ink-100 text-ink-700 border-ink-200',
  warning: 'bg-warning-50 text-warning-800 border-warning-200',
} as const;

export function SettingRow({ title, state, tone = 'off', children, actions }: SettingRowProps) {
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1">
        <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold text-ink-900">
          {title}
          <span className={`rounded-full border px-2 py-0.5 text-sm font-semibold ${TONES[tone]}`}>{state}</span>
        </h3>
        {children && <div className="space-y-1 text-sm text-ink-700">{children}</div>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
    </li>
  );
}
