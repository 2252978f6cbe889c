/**
 * The admin console's frame: only for users with the admin role (the server checks again on
 * every call, with the second factor and a recent sign-in), and its own navigation.
 */
import { NavLink, Outlet } from 'react-router';
import { useSignedInSession } from '../require-session';
import { AdminForbidden } from './admin-error-state';

const LINK = 'rounded-lg px-3 py-2 text-base font-semibold text-ink-900 hover:bg-ink-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800';

export function AdminLayout() {
  const { user } = useSignedInSession();
  if (!user.isAdmin) return <AdminForbidden />;
  return (
    <div className="space-y-8">
      <nav aria-label="Admin console" className="flex flex-wrap gap-2 border-b border-ink-200 pb-3">
        <NavLink to="/admin" end className={LINK}>
          Users
        </NavLink>
        <NavLink to="/admin/support" className={LINK}>
          Support queue
        </NavLink>
        <NavLink to="/admin/audit" className={LINK}>
          Audit log
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
