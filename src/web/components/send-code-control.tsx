/**
 * "Email me a code" / "Text me a code", for a login's second step and for "Confirm it's you",
 * with the cool-down shown as a countdown (60 s, or what the server says after a rate limit).
 * Errors go up to the form, which owns the live region.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useCountdown } from '../hooks/use-countdown';
import { formatCountdown } from '../lib/format';
import { Button } from './ui/button';

/** Seconds before another code can be asked for. */
export const SEND_CODE_COOLDOWN_SECONDS = 60;

interface SendCodeControlProps {
  method: 'email_code' | 'sms_code';
  /** Asks the server to send a code. */
  send: () => Promise<unknown>;
  onSent: () => void;
  onError: (error: unknown) => void;
  /** The server already sent one (a new device's check mails its code at once). */
  alreadySent?: boolean;
}

const WORDS = {
  email_code: { first: 'Email me a code', again: 'Email me a new code', sent: 'We emailed you a code. It works for 10 minutes.' },
  sms_code: { first: 'Text me a code', again: 'Text me a new code', sent: 'We sent a code to your phone. It works for 10 minutes.' },
} as const;

export function SendCodeControl({ method, send, onSent, onError, alreadySent = false }: SendCodeControlProps) {
  const [sent, setSent] = useState(alreadySent);
  const [until, setUntil] = useState<number | null>(null);
  const remaining = useCountdown(until);
  const mutation = useMutation({ mutationFn: send });
  const words = WORDS[method];

  const ask = () => {
    if (mutation.isPending || remaining > 0) return;
    mutation.mutate(undefined, {
      onSuccess: () => {
        setSent(true);
        setUntil(Date.now() + SEND_CODE_COOLDOWN_SECONDS * 1000);
        onSent();
      },
      onError: (error) => {
        if (isApiError(error, 'rate_limited')) {
          setUntil(Date.now() + (error.problem.retryAfterSeconds ?? SEND_CODE_COOLDOWN_SECONDS) * 1000);
        }
        onError(error);
      },
    });
  };

  return (
    <div className="space-y-2">
      <p aria-live="polite" className="text-base text-ink-700">
        {sent ? words.sent : ''}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" pending={mutation.isPending} pendingLabel="Sending…" inactive={remaining > 0} onClick={ask}>
          {sent ? words.again : words.first}
        </Button>
        {remaining > 0 && (
          <p className="text-sm text-ink-700">
            You can ask for another in <span className="font-semibold tabular-nums">{formatCountdown(remaining)}</span>.
          </p>
        )}
      </div>
    </div>
  );
}
