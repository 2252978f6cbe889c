/** /support/tickets and /support/tickets/:id: the signed-in person's tickets, the replies, and a reply form. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { queryKeys } from '../api/queries';
import { getMyTicket, listMyTickets, replyToMyTicket } from '../api/support-api';
import { TicketList } from '../components/support/ticket-list';
import { TicketReplyForm } from '../components/support/ticket-reply-form';
import { TicketThread } from '../components/support/ticket-thread';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { QueryError } from '../components/ui/query-error';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { STATUS_WORDS, TOPIC_WORDS, ticketLabel } from '../lib/support-words';

export function MyTicketsPage() {
  useDocumentTitle('Your support tickets');
  const tickets = useQuery({ queryKey: queryKeys.myTickets, queryFn: listMyTickets });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle>Your support tickets</PageTitle>
      <p className="text-lg text-ink-700">
        Messages you sent to support from the email address of this account, and our answers.{' '}
        <TextLink to="/support">Write a new message</TextLink>.
      </p>
      {tickets.isPending ? (
        <LoadingState label="Loading your tickets…" />
      ) : tickets.isError ? (
        <QueryError error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : (
        <TicketList tickets={tickets.data.tickets} label="Your tickets" hrefFor={(id) => `/support/tickets/${id}`} />
      )}
    </div>
  );
}

export function MyTicketPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const ticket = useQuery({ queryKey: queryKeys.myTicket(id), queryFn: () => getMyTicket(id) });
  useDocumentTitle(ticket.data ? `Ticket ${ticketLabel(ticket.data.ticket.number)}` : 'Support ticket');

  if (ticket.isPending) return <LoadingState label="Loading the ticket…" />;
  if (ticket.isError) return <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const { ticket: data, messages } = ticket.data;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <TextLink to="/support/tickets">All your tickets</TextLink>
      </p>
      <div className="space-y-2">
        <PageTitle>Ticket {ticketLabel(data.number)}</PageTitle>
        <p className="text-base text-ink-700">
          {TOPIC_WORDS[data.topic] ?? data.topic} · {STATUS_WORDS[data.status] ?? data.status}
        </p>
      </div>
      <TicketThread messages={messages} requesterLabel="You" />
      {data.status === 'closed' ? (
        <p className="text-base text-ink-700">
          This ticket is closed. <TextLink to="/support">Write a new message</TextLink> if you need more help.
        </p>
      ) : (
        <TicketReplyForm
          label="Your reply"
          submitLabel="Send reply"
          send={(message) => replyToMyTicket(id, message)}
          onSent={() => void queryClient.invalidateQueries({ queryKey: queryKeys.myTickets })}
        />
      )}
    </div>
  );
}
