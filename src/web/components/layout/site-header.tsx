/**
 * The header: the Workgate mark, and on the right either "Sign up" / "Log in" or the
 * signed-in person's menu. While the session is unknown the right side stays empty, so
 * neither a stale account nor the wrong buttons flash.
 */
import { Link } from 'react-router';
import { useSession } from '../../api/queries';
import { UserMenu } from './user-menu';
import logoUrl from '../../favicon.svg';

export function SiteHeader() {
  const session = useSession();
  const user = session.isError ? undefined : session.data?.user;
  return (
    <header className="border-b border-ink-200 bg-white">
      <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link to={user ? '/onboarding' : '/'} className="flex items-center gap-2 rounded-lg text-lg font-bold text-ink-900">
          <img src={logoUrl} alt="" className="size-8" />
          Workgate
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2">
          {user ? (
            <UserMenu user={user} />
          ) : session.isPending ? null : (
            <>
              <Link to="/login" className="rounded-lg px-3 py-2 text-base font-semibold text-ink-900 hover:bg-ink-100">
                Log in
              </Link>
              <Link
                to="/signup"
                className="rounded-lg bg-brand-700 px-3 py-2 text-base font-semibold text-white hover:bg-brand-800"
              >
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
