import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { devToolsQuery } from '../../api/queries';

/** The footer; outside production it also links the dev mail outbox the server offers. */
export function SiteFooter() {
  const devTools = useQuery(devToolsQuery);
  return (
    <footer className="border-t border-ink-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-6 text-sm text-ink-600 sm:px-6">
        <p>Workgate · open-source freelance marketplace</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-2">
          <li>
            <Link to="/terms" className="inline-block py-1 underline underline-offset-2 hover:text-ink-900">
              Terms
            </Link>
          </li>
          {devTools.data && (
            <li>
              {/* A server page, not a client route: a full navigation is intended. */}
              <a href="/dev/mail" className="inline-block py-1 underline underline-offset-2 hover:text-ink-900">
                Dev mail outbox
              </a>
            </li>
          )}
        </ul>
      </div>
    </footer>
  );
}
