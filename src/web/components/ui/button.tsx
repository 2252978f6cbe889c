import type { ButtonHTMLAttributes, Ref } from 'react';

const VARIANTS = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800 border border-brand-700',
  secondary: 'bg-white text-ink-900 hover:bg-ink-100 border border-ink-300',
  danger: 'bg-white text-danger-700 hover:bg-danger-50 border border-danger-700',
} as const;

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  /** Work in progress: the button stays focusable (no focus loss) but says it is busy. */
  pending?: boolean;
  pendingLabel?: string;
  /** Not usable right now (e.g. a cool-down) but still focusable; the form ignores presses. */
  inactive?: boolean;
  fullWidth?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A button. While `pending` it is aria-disabled rather than disabled, so keyboard focus
 * stays on it; forms ignore a second submit while their request is in flight.
 */
export function Button({ variant = 'primary', pending = false, pendingLabel, inactive = false, fullWidth, className, children, type, ...props }: ButtonProps) {
  const dimmed = pending || inactive || props.disabled;
  return (
    <button
      {...props}
      type={type ?? 'button'}
      aria-disabled={pending || inactive || undefined}
      className={[
        'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-base font-semibold',
        VARIANTS[variant],
        fullWidth ? 'w-full' : '',
        dimmed ? 'cursor-not-allowed opacity-70' : '',
        className ?? '',
      ].join(' ')}
    >
      {pending && <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
