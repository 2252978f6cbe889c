import { useEffect, useRef, type ReactNode } from 'react';
import { takePendingHeadingFocus } from '../../lib/route-focus';

const SIZES = {
  page: 'text-2xl sm:text-4xl',
  card: 'text-2xl',
} as const;

/**
 * The page's h1. It can take focus (tabIndex -1) so that after a client-side navigation the
 * layout moves focus here and screen readers announce the new page.
 */
export function PageTitle({ children, size = 'page', className }: { children: ReactNode; size?: keyof typeof SIZES; className?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takePendingHeadingFocus()) heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className={`font-bold tracking-tight text-ink-900 ${SIZES[size]} ${className ?? ''}`}>
      {children}
    </h1>
  );
}
