/**
 * /admin: find a user by email or name; the search is in the address (?query=) so Back returns
 * to it. Below, signing every account out at once (ASVS 5.0 7.4.5), e.g. after sessions leaked.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { searchUsers, signOutEveryone } from '../../api/admin-api';
import { queryKeys } from '../../api/queries';
import { AdminAction } from '../../components/admin/admin-action';
import { AdminErrorState } from '../../components/admin/admin-error-state';
import { Button } from '../../components/ui/button';
import { LoadingState } from '../../components/ui/loading-state';
import { PageTitle } from '../../components/ui/page-title';
import { TextField } from '../../components/ui/text-field';
import { useDocumentTitle } from '../../hooks/use-document-title';

export function AdminUsersPage() {
  useDocumentTitle('Admin: users');
  const [params, setParams] = useSearchParams();
  const query = params.get('query') ?? '';
  const [typed, setTyped] = useState(query);
  const users = useQuery({ queryKey: queryKeys.adminUsers(query), queryFn: () => searchUsers({ query }) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(typed.trim() ? { query: typed.trim() } : {});
  };

  if (users.isError) return <AdminErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <div className="space-y-6">
      <PageTitle>Users</PageTitle>
      <form role="search" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Email or name" name="query" type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <Button type="submit">Search</Button>
      </form>
      {users.isPending ? (
        <LoadingState label="Searching…" />
      ) : users.data.users.length === 0 ? (
        <p className="text-base text-ink-700">No users match.</p>
      ) : (
        <ul aria-label="Users" className="divide-y divide-ink-200 rounded-xl border border-ink-200 bg-white">
          {users.data.users.map((user) => (
            <li key={user.id} className="flex flex-wrap items-center justify-between gap-2 p-4">
              <div>
                <Link to={`/admin/users/${user.id}`} className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900">
                  {user.name}
                </Link>
                <p className="break-words text-sm text-ink-700">{user.email}</p>
              </div>
              <p className="text-sm text-ink-700">
                {[user.role, user.isAdmin ? 'admin' : '', user.suspended || user.suspension ? 'suspended' : '', user.emailVerified ? '' : 'unverified']
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="admin-every-account" className="space-y-3 rounded-xl border border-ink-200 bg-white p-5">
        <h2 id="admin-every-account" className="text-lg font-bold text-ink-900">
          Every account
        </h2>
        <p className="text-base text-ink-700">
          If sessions may have leaked, sign everyone out at once: every session and app token of every account ends, other admins
          included. You stay signed in here. People log in again as usual.
        </p>
        <AdminAction
          label="Sign out every account"
          pendingLabel="Signing everyone out…"
          confirm={{ question: <p>End every session and app token of every account except this one? Everyone will need to log in again.</p>, confirmLabel: 'Yes, sign everyone out' }}
          done="Every other session has ended."
          run={signOutEveryone}
          onDone={() => undefined}
        />
      </section>
    </div>
  );
}
