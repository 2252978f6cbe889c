/** A ticket's messages, oldest first, each saying who wrote it and when. */
import type { TicketMessage } from '../../api/support-api';
import { formatDateTime } from '../../lib/format';

export function TicketThread({ messages, requesterLabel }: { messages: TicketMessage[]; requesterLabel: string }) {
  return (
    <ol aria-label="Messages" className="space-y-3">
      {messages.map((message) => (
        <li
          key={message.id}
          className={`space-y-1 rounded-xl border p-4 ${message.author === 'admin' ? 'border-brand-100 bg-brand-50' : 'border-ink-200 bg-white'}`}
        >
          <p className="text-sm text-ink-700">
            <span className="font-semibold text-ink-900">{message.author === 'admin' ? 'Workgate support' : requesterLabel}</span> ·{' '}
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          </p>
          <p className="whitespace-pre-wrap break-words text-base text-ink-900">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}
