/**
 * /admin/users/:id: one account as an admin sees it (status, sign-in methods, sessions,
 * recent security events) and what an admin can do to it. The internal note of a
 * suspension shows here only.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import {
  forcePasswordReset,
  getUser,
  resendUserVerification,
  revokeUserSessions,
  setAdmin,
  unsuspendUser,
  type AdminUserDetail,
} from '../../api/admin-api';
import { queryKeys } from '../../api/queries';
import { AdminAction } from '../../components/admin/admin-action';
import { AdminErrorState } from '../../components/admin/admin-error-state';
import { SuspendForm } from '../../components/admin/suspend-form';
import { LoadingState } from '../../components/ui/loading-state';
import { PageTitle } from '../../components/ui/page-title';
import { TextLink } from '../../components/ui/text-link';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { describeActivity, methodWords } from '../../lib/activity-words';
import { deviceLabel } from '../../lib/device-label';
import { formatDateTime } from '../../lib/format';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `admin-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-ink-200 bg-white p-5">
      <h2 id={id} className="text-lg font-bold text-ink-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Status({ detail }: { detail: AdminUserDetail }) {
  const { user, suspension } = detail;
  return (
    <dl className="grid gap-x-6 gap-y-2 text-base sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold text-ink-900">Email</dt>
      <dd className="break-words text-ink-700">
        {user.email} {user.emailVerified ? '(confirmed)' : '(not confirmed)'}
      </dd>
      <dt className="font-semibold text-ink-900">Account</dt>
      <dd className="text-ink-700">
        {user.role === 'freelancer' ? 'Freelancer' : 'Client'}
        {user.isAdmin ? ', admin' : ''} · created <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
      </dd>
      <dt className="font-semibold text-ink-900">Status</dt>
      <dd className="text-ink-700">
        {suspension ? (
          <>
            <strong className="text-danger-700">Suspended</strong>
            {suspension.endsAt ? <> until <time dateTime={suspension.endsAt}>{formatDateTime(suspension.endsAt)}</time></> : ' until lifted'}
            <span className="block break-words">Reason shown: {suspension.publicReason}</span>
            {suspension.note && <span className="block break-words">Internal note: {suspension.note}</span>}
          </>
        ) : (
          'Active'
        )}
        {user.mustResetPassword && <span className="block">Must choose a new password at next login.</span>}
      </dd>
    </dl>
  );
}

export function AdminUserPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: queryKeys.adminUser(id), queryFn: () => getUser(id) });
  useDocumentTitle(detail.data ? `Admin: ${detail.data.user.name}` : 'Admin: user');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin });

  if (detail.isPending) return <LoadingState label="Loading the account…" />;
  if (detail.isError) return <AdminErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const data = detail.data;
  const { user } = data;

  return (
    <div className="space-y-6">
      <p>
        <TextLink to="/admin">All users</TextLink>
      </p>
      <PageTitle>{user.name}</PageTitle>
      <Section title="Status">
        <Status detail={data} />
      </Section>

      <Section title="Actions">
        <div className="space-y-4">
          {data.suspension ? (
            <AdminAction label="Lift the suspension" pendingLabel="Lifting…" done="The suspension is lifted. They can log in again." run={() => unsuspendUser(id)} onDone={refresh} />
          ) : (
            <details className="space-y-3">
              <summary className="cursor-pointer text-base font-semibold text-danger-700">Suspend this account</summary>
              <SuspendForm userId={id} userName={user.name} onDone={refresh} />
            </details>
          )}
          <AdminAction
            label="Sign out everywhere"
            pendingLabel="Signing out…"
            confirm={{ question: <p>End every session and app token of {user.name}? They will need to log in again.</p>, confirmLabel: 'Yes, sign out everywhere' }}
            done="Every session of this account has ended."
            run={() => revokeUserSessions(id)}
            onDone={refresh}
          />
          {!user.emailVerified && (
            <AdminAction label="Resend verification email" pendingLabel="Sending…" done="A new confirmation link is on its way." run={() => resendUserVerification(id)} onDone={refresh} />
          )}
          <AdminAction
            label="Require a new password"
            pendingLabel="Saving…"
            confirm={{ question: <p>Make {user.name} choose a new password at their next login? We email them a reset link when they try.</p>, confirmLabel: 'Yes, require a new password' }}
            done="They will have to choose a new password at their next login."
            run={() => forcePasswordReset(id)}
            onDone={refresh}
          />
          <AdminAction
            label={user.isAdmin ? 'Remove admin rights' : 'Make admin'}
            pendingLabel="Saving…"
            confirm={{
              question: user.isAdmin ? <p>Remove admin rights from {user.name}?</p> : <p>Give {user.name} admin rights? Admins can suspend accounts and read support tickets.</p>,
              confirmLabel: user.isAdmin ? 'Yes, remove admin rights' : 'Yes, make admin',
            }}
            done={user.isAdmin ? 'Admin rights removed.' : 'Admin rights granted.'}
            run={() => setAdmin(id, !user.isAdmin)}
            onDone={refresh}
          />
        </div>
      </Section>

      <Section title="Sign-in methods">
        {data.signInMethods.length === 0 ? (
          <p className="text-base text-ink-700">None.</p>
        ) : (
          <ul className="list-disc pl-5 text-base text-ink-700">
            {data.signInMethods.map((method) => (
              <li key={method}>{methodWords(method) || method}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Sessions">
        {data.sessions.length === 0 ? (
          <p className="text-base text-ink-700">No active sessions.</p>
        ) : (
          <ul aria-label="Sessions" className="divide-y divide-ink-200">
            {data.sessions.map((session) => (
              <li key={session.id} className="py-2 text-base text-ink-700">
                <span className="font-semibold text-ink-900">{deviceLabel(session)}</span> · last seen{' '}
                <time dateTime={session.lastSeenAt}>{formatDateTime(session.lastSeenAt)}</time> · IP address {session.ip ?? 'unknown'}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm">
          <TextLink to={`/admin/audit?userId=${user.id}`}>Full audit log of this account</TextLink>
        </p>
      </Section>

      <Section title="Recent security events">
        {data.events.length === 0 ? (
          <p className="text-base text-ink-700">No events yet.</p>
        ) : (
          <ol aria-label="Recent security events" className="divide-y divide-ink-200">
            {data.events.map((event) => (
              <li key={event.id} className="py-2 text-base">
                <span className="font-semibold text-ink-900">{describeActivity(event).title}</span>
                <span className="block text-sm text-ink-700">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time> · IP address {event.ip ?? 'unknown'}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
