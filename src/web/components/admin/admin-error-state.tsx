/**
 * What an admin screen shows when its call is refused. admin_second_factor_required gets a
 * page of its own: the console holds other people's accounts, so it opens only for admins
 * whose own account has a second factor or passkey, and the page says where to add one.
 */
import { isApiError } from '../../api/client';
import { PageTitle } from '../ui/page-title';
import { QueryError } from '../ui/query-error';
import { TextLink } from '../ui/text-link';

export function AdminErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error, 'admin_second_factor_required')) {
    return (
      <section className="max-w-2xl space-y-4">
        <PageTitle>Protect your account first</PageTitle>
        <p className="text-lg text-ink-700">
          The admin console can suspend accounts and read support tickets, so it only opens for admins who sign in with a
          second step. Turn on an authenticator app, codes by text or email, or add a passkey, then come back.
        </p>
        <p>
          <TextLink to="/settings/security">Go to security settings</TextLink>
        </p>
      </section>
    );
  }
  if (isApiError(error, 'forbidden')) return <AdminForbidden />;
  return <QueryError error={error} onRetry={onRetry} />;
}

/** For signed-in people without the admin role. */
export function AdminForbidden() {
  return (
    <section className="max-w-2xl space-y-4">
      <PageTitle>You do not have access to this page</PageTitle>
      <p className="text-lg text-ink-700">The admin console is only for Workgate staff.</p>
    </section>
  );
}
