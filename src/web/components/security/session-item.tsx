/** One signed-in device in the sessions list. */
import type { DeviceSession } from '../../api/account-api';
import { deviceLabel } from '../../lib/device-label';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { signInMethodWords } from '../../lib/sign-in-method-words';
import { Button } from '../ui/button';

interface SessionItemProps {
  session: DeviceSession;
  onSignOut: (session: DeviceSession) => void;
  signingOut: boolean;
}

export function SessionItem({ session, onSignOut, signingOut }: SessionItemProps) {
  const label = deviceLabel(session);
  const method = signInMethodWords(session.signedInWith);
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-base font-semibold text-ink-900">{label}</span>
          {session.current && (
            <span className="rounded-full bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">This device</span>
          )}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-ink-700">
          <dt className="text-ink-600">IP address</dt>
          <dd className="break-words">{session.ip ?? 'Unknown'}</dd>
          <dt className="text-ink-600">Last active</dt>
          <dd>
            <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
              {session.current ? 'Now' : formatRelativeTime(session.lastSeenAt)}
            </time>
          </dd>
          <dt className="text-ink-600">Signed in</dt>
          <dd>
            <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
            {method ? ` ${method}` : ''}
            {session.rememberMe ? ' · remembered' : ''}
          </dd>
        </dl>
      </div>
      {!session.current && (
        <Button variant="secondary" className="shrink-0" pending={signingOut} pendingLabel="Signing out…" onClick={() => onSignOut(session)}>
          Sign out<span className="sr-only"> {label}</span>
        </Button>
      )}
    </li>
  );
}
