/**
 * /settings/security/activity: the account's security events, newest first, twenty at a time
 * ("Show older events"). Each says what happened, when, from which device and IP address.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { listActivity } from '../api/account-api';
import { errorMessage } from '../api/error-messages';
import { queryKeys } from '../api/queries';
import { Button } from '../components/ui/button';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeActivity } from '../lib/activity-words';
import { deviceLabel } from '../lib/device-label';
import { formatDateTime } from '../lib/format';

const PAGE_SIZE = 20;

export function SecurityActivityPage() {
  useDocumentTitle('Security activity');
  const activity = useInfiniteQuery({
    queryKey: queryKeys.activity,
    queryFn: ({ pageParam }) => listActivity({ cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

  let body;
  if (activity.isPending) body = <LoadingState label="Loading your security activity…" />;
  else if (activity.isError) {
    body = (
      <div className="space-y-3">
        <p className="text-base text-danger-700">{errorMessage(activity.error)}</p>
        <Button variant="secondary" onClick={() => void activity.refetch()}>
          Try again
        </Button>
      </div>
    );
  } else {
    const events = activity.data.pages.flatMap((page) => page.events);
    body = (
      <div className="space-y-5">
        <ol aria-label="Security events" className="divide-y divide-ink-200 rounded-xl border border-ink-200 bg-white">
          {events.map((event) => {
            const { title, warning } = describeActivity(event);
            const client = event.summary.client === 'app' ? 'app' : 'browser';
            return (
              <li key={event.id} className="space-y-1 p-4">
                <p className="flex flex-wrap items-center gap-2 text-base font-semibold text-ink-900">
                  {warning && (
                    <span className="rounded-full border border-warning-200 bg-warning-50 px-2 py-0.5 text-sm font-semibold text-warning-800">
                      Check
                    </span>
                  )}
                  <span className="break-words">{title}</span>
                </p>
                <p className="text-sm text-ink-700">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {deviceLabel({ device: event.device, client })} · IP address{' '}
                  {event.ip ?? 'unknown'}
                </p>
              </li>
            );
          })}
        </ol>
        {events.length === 0 && <p className="text-base text-ink-700">No security events yet.</p>}
        {activity.hasNextPage && (
          <Button
            variant="secondary"
            pending={activity.isFetchingNextPage}
            pendingLabel="Loading older events…"
            onClick={() => !activity.isFetchingNextPage && void activity.fetchNextPage()}
          >
            Show older events
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-2">
        <PageTitle>Security activity</PageTitle>
        <p className="text-lg text-ink-700">
          Sign-ins, failed attempts and changes to your account’s security, newest first. If something was not you,{' '}
          <TextLink to="/settings/security">change your password and sign out everywhere</TextLink>.
        </p>
      </div>
      {body}
    </div>
  );
}
