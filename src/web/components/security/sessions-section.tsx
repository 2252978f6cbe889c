/** Where the account is signed in, with ways to end any of those sessions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { revokeSession, type DeviceSession } from '../../api/account-api';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/error-messages';
import { deviceSessionsQuery, queryKeys } from '../../api/queries';
import { deviceLabel } from '../../lib/device-label';
import { Button } from '../ui/button';
import { FormAlert, type AlertTone } from '../ui/form-alert';
import { LoadingState } from '../ui/loading-state';
import { SessionItem } from './session-item';
import { SignOutAllControls } from './sign-out-all-controls';

export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery(deviceSessionsQuery);
  const [status, setStatus] = useState<{ tone: AlertTone; text: string; at: number } | null>(null);
  const say = (tone: AlertTone, text: string) => setStatus({ tone, text, at: Date.now() });
  // A signed-out row (and the button that had focus) disappears: keep focus in this section.
  const container = useRef<HTMLDivElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.deviceSessions });

  const revoke = useMutation({
    mutationFn: (session: DeviceSession) => revokeSession(session.id),
    onSuccess: (_nothing, session) => {
      say('success', `${deviceLabel(session)} is signed out.`);
      container.current?.focus();
    },
    onError: (error) =>
      say(isApiError(error, 'not_found') ? 'info' : 'error', errorMessage(error, { not_found: 'That session had already ended.' })),
    onSettled: refresh,
  });

  let body;
  if (sessions.isPending) body = <LoadingState label="Loading your devices…" />;
  else if (sessions.isError) {
    body = (
      <div className="space-y-3">
        <p className="text-base text-danger-700">{errorMessage(sessions.error)}</p>
        <Button variant="secondary" onClick={() => void sessions.refetch()}>
          Try again
        </Button>
      </div>
    );
  } else {
    const list = sessions.data.sessions;
    body = (
      <>
        <ul className="divide-y divide-ink-200 rounded-xl border border-ink-200">
          {list.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              signingOut={revoke.isPending && revoke.variables?.id === session.id}
              onSignOut={(target) => !revoke.isPending && revoke.mutate(target)}
            />
          ))}
        </ul>
        <SignOutAllControls
          otherDevices={list.filter((session) => !session.current).length}
          onOthersSignedOut={() => {
            say('success', 'Every other device is signed out.');
            void refresh();
          }}
          onError={(error) => say('error', errorMessage(error))}
        />
      </>
    );
  }

  return (
    <div ref={container} tabIndex={-1} className="space-y-5 outline-none">
      <FormAlert tone={status?.tone ?? 'info'}>{status && <p key={status.at}>{status.text}</p>}</FormAlert>
      {body}
    </div>
  );
}
