/**
 * /admin/audit: the audit log with filters (user id, event type, time range) kept in the
 * address, older pages on demand, and a CSV export of the same filters as a plain link.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { auditCsvHref, listAudit, type AuditFilters } from '../../api/admin-api';
import { queryKeys } from '../../api/queries';
import { AdminErrorState } from '../../components/admin/admin-error-state';
import { Button } from '../../components/ui/button';
import { LoadingState } from '../../components/ui/loading-state';
import { PageTitle } from '../../components/ui/page-title';
import { TextField } from '../../components/ui/text-field';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { formatDateTime } from '../../lib/format';

const FIELDS = ['userId', 'event', 'from', 'to'] as const;

/** datetime-local ("2026-03-12T14:05", local time) to an instant with offset, as the server wants. */
function toInstant(local: string): string | undefined {
  const time = new Date(local);
  return local && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}

function filtersFrom(params: URLSearchParams): AuditFilters {
  return {
    userId: params.get('userId') || undefined,
    event: params.get('event') || undefined,
    from: toInstant(params.get('from') ?? ''),
    to: toInstant(params.get('to') ?? ''),
  };
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function AdminAuditPage() {
  useDocumentTitle('Admin: audit log');
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(() => Object.fromEntries(FIELDS.map((field) => [field, params.get(field) ?? ''])) as Record<(typeof FIELDS)[number], string>);
  const filters = filtersFrom(params);
  const log = useInfiniteQuery({
    queryKey: queryKeys.adminAudit(filters),
    queryFn: ({ pageParam }) => listAudit(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(typed).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, value.trim()])));
  };

  if (log.isError) return <AdminErrorState error={log.error} onRetry={() => void log.refetch()} />;
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <div className="space-y-6">
      <PageTitle>Audit log</PageTitle>
      <form onSubmit={onSubmit} aria-label="Filter the audit log" className="grid gap-4 sm:grid-cols-2">
        <TextField label="User id" name="userId" value={typed.userId} onChange={(event) => setTyped({ ...typed, userId: event.target.value })} />
        <TextField label="Event type" name="event" hint="e.g. account_suspended, login_failed" value={typed.event} onChange={(event) => setTyped({ ...typed, event: event.target.value })} />
        <TextField label="From" name="from" type="datetime-local" value={typed.from} onChange={(event) => setTyped({ ...typed, from: event.target.value })} />
        <TextField label="To" name="to" type="datetime-local" value={typed.to} onChange={(event) => setTyped({ ...typed, to: event.target.value })} />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
          <Button type="submit">Apply filters</Button>
          {/* A plain link: the browser downloads the file with the session cookie. */}
          <a href={auditCsvHref(filters)} download className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900">
            Export CSV
          </a>
        </div>
      </form>
      {log.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : events.length === 0 ? (
        <p className="text-base text-ink-700">No events match.</p>
      ) : (
        <ol aria-label="Audit events" className="divide-y divide-ink-200 rounded-xl border border-ink-200 bg-white">
          {events.map((event) => (
            <li key={event.id} className="space-y-1 p-4 text-base">
              <p className="font-semibold text-ink-900">{event.event}</p>
              <p className="text-sm text-ink-700">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · IP address {event.ip ?? 'unknown'}
                {event.userId && (
                  <>
                    {' '}· account <Link to={`/admin/users/${event.userId}`} className="underline">{event.userId}</Link>
                  </>
                )}
                {event.actorId && <> · by admin {event.actorId}</>}
              </p>
              {Object.keys(event.details).length > 0 && <p className="break-words text-sm text-ink-700">{detailsText(event.details)}</p>}
            </li>
          ))}
        </ol>
      )}
      {log.hasNextPage && (
        <Button variant="secondary" pending={log.isFetchingNextPage} pendingLabel="Loading older events…" onClick={() => !log.isFetchingNextPage && void log.fetchNextPage()}>
          Show older events
        </Button>
      )}
    </div>
  );
}
