/** Tickets as a list of links: number, topic, state and when it last changed. */
import { Link } from 'react-router';
import type { TicketSummary } from '../../api/support-api';
import { formatDateTime } from '../../lib/format';
import { STATUS_WORDS, TOPIC_WORDS, ticketLabel } from '../../lib/support-words';

export function TicketList({ tickets, hrefFor, label, showEmail }: { tickets: TicketSummary[]; hrefFor: (id: string) => string; label: string; showEmail?: boolean }) {
  if (tickets.length === 0) return <p className="text-base text-ink-700">No tickets here.</p>;
  return (
    <ul aria-label={label} className="divide-y divide-ink-200 rounded-xl border border-ink-200 bg-white">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="p-4">
          <Link to={hrefFor(ticket.id)} className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900">
            Ticket {ticketLabel(ticket.number)}: {TOPIC_WORDS[ticket.topic] ?? ticket.topic}
          </Link>
          <p className="text-sm text-ink-700">
            {STATUS_WORDS[ticket.status] ?? ticket.status}
            {showEmail && <> · <span className="break-words">{ticket.email}</span></>} · updated{' '}
            <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
