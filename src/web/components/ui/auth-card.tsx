import type { ReactNode } from 'react';
import { PageTitle } from './page-title';

/** The centred card that holds the account pages (sign up, log in, reset, …). */
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md space-y-6">
      <div className="space-y-6 rounded-xl border border-ink-200 bg-white p-5 shadow-sm sm:p-8">
        <div className="space-y-2">
          <PageTitle size="card">{title}</PageTitle>
          {intro && <div className="space-y-2 text-base text-ink-700">{intro}</div>}
        </div>
        {children}
      </div>
      {footer && <div className="space-y-2 text-center text-base text-ink-700">{footer}</div>}
    </div>
  );
}
