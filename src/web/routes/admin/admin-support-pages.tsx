/**
 * /admin/support and /admin/support/:id: the support queue (filtered by status in the
 * address, ?status=) and one ticket with its messages, a reply form and "Close ticket".
 * Replies go by mail to the ticket's address only.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/queries';
import { answerTicket, closeTicket, getQueueTicket, listQueue, type TicketStatus } from '../../api/support-api';
import { AdminAction } from '../../components/admin/admin-action';
import { AdminErrorState } from '../../components/admin/admin-error-state';
import { TicketList } from '../../components/support/ticket-list';
import { TicketReplyForm } from '../../components/support/ticket-reply-form';
import { TicketThread } from '../../components/support/ticket-thread';
import { LoadingState } from '../../components/ui/loading-state';
import { PageTitle } from '../../components/ui/page-title';
import { SelectField } from '../../components/ui/select-field';
import { TextLink } from '../../components/ui/text-link';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { STATUS_WORDS, TOPIC_WORDS, ticketLabel } from '../../lib/support-words';

const STATUSES: TicketStatus[] = ['open', 'answered', 'closed'];
const STATUS_OPTIONS = [{ value: '', label: 'All tickets' }, ...STATUSES.map((value) => ({ value, label: STATUS_WORDS[value] }))];

function statusFrom(value: string | null): TicketStatus | '' {
  return STATUSES.includes(value as TicketStatus) ? (value as TicketStatus) : '';
}

export function AdminSupportQueuePage() {
  useDocumentTitle('Admin: support queue');
  const [params, setParams] = useSearchParams();
  // Open tickets first: that is the work waiting.
  const status = params.has('status') ? statusFrom(params.get('status')) : 'open';
  const tickets = useQuery({ queryKey: queryKeys.adminQueue(status), queryFn: () => listQueue(status) });

  if (tickets.isError) return <AdminErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />;
  return (
    <div className="space-y-6">
      <PageTitle>Support queue</PageTitle>
      <div className="max-w-xs">
        <SelectField label="Show" name="status" options={STATUS_OPTIONS} value={status} onChange={(event) => setParams({ status: event.target.value })} />
      </div>
      {tickets.isPending ? (
        <LoadingState label="Loading tickets…" />
      ) : (
        <TicketList tickets={tickets.data.tickets} label="Tickets" showEmail hrefFor={(id) => `/admin/support/${id}`} />
      )}
    </div>
  );
}

export function AdminTicketPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: queryKeys.adminTicket(id), queryFn: () => getQueueTicket(id) });
  useDocumentTitle(detail.data ? `Admin: ticket ${ticketLabel(detail.data.ticket.number)}` : 'Admin: ticket');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin });

  if (detail.isPending) return <LoadingState label="Loading the ticket…" />;
  if (detail.isError) return <AdminErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { ticket, messages } = detail.data;
  return (
    <div className="space-y-6">
      <p>
        <TextLink to="/admin/support">Support queue</TextLink>
      </p>
      <div className="space-y-2">
        <PageTitle>Ticket {ticketLabel(ticket.number)}</PageTitle>
        <p className="text-base text-ink-700">
          {TOPIC_WORDS[ticket.topic] ?? ticket.topic} · {STATUS_WORDS[ticket.status] ?? ticket.status} · from{' '}
          <span className="break-words">{ticket.email}</span>
        </p>
        {ticket.emailAccountId && (
          <p className="text-sm text-ink-700">
            This address belongs to <TextLink to={`/admin/users/${ticket.emailAccountId}`}>an account</TextLink>. Anyone can type an
            address: replies go only to its mailbox.
          </p>
        )}
      </div>
      <TicketThread messages={messages} requesterLabel={ticket.email} />
      {ticket.status !== 'closed' && (
        <>
          <TicketReplyForm label="Answer" submitLabel="Send answer" send={(message) => answerTicket(id, message)} onSent={refresh} />
          <AdminAction
            label="Close ticket"
            pendingLabel="Closing…"
            confirm={{ question: <p>Close ticket {ticketLabel(ticket.number)}? The person can no longer reply to it.</p>, confirmLabel: 'Yes, close it' }}
            done="The ticket is closed."
            run={() => closeTicket(id)}
            onDone={refresh}
          />
        </>
      )}
    </div>
  );
}
