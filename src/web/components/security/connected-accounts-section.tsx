/**
 * Connected accounts: the providers (Google, Apple, …) that sign this account in, when each
 * was connected and last used; disconnect one (not the last way to sign in: the server answers
 * 409 last_sign_in_method), or connect another. Connecting goes to the provider and comes
 * back to this page; it may ask "Confirm it's you" first (the API client handles that).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/error-messages';
import { keepIdentity, unlinkIdentity, type Identity } from '../../api/provider-api';
import { identitiesQuery, queryKeys } from '../../api/queries';
import { useProviderRedirect } from '../../hooks/use-provider-redirect';
import { formatDate, formatDateTime, formatRelativeTime } from '../../lib/format';
import { providerName } from '../../lib/provider-words';
import { ProviderButton, ProviderLogo } from '../login/provider-buttons';
import { FormAlert, type AlertTone } from '../ui/form-alert';
import { Button } from '../ui/button';
import { LoadingState } from '../ui/loading-state';
import { QueryError } from '../ui/query-error';
import { ConfirmInline } from './confirm-inline';

interface IdentityItemProps {
  identity: Identity;
  /** Several accounts of the same provider are told apart by their address. */
  showEmailInButton: boolean;
  onDisconnect: (identity: Identity) => void;
  /** Only offered for a connection on hold after a reported sign-in. */
  onKeep: (identity: Identity) => void;
}

function IdentityItem({ identity, showEmailInButton, onDisconnect, onKeep }: IdentityItemProps) {
  const name = providerName(identity.provider);
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1">
        <h3 className="flex items-center gap-2 text-base font-semibold text-ink-900">
          <ProviderLogo provider={identity.provider} />
          {name}
          {identity.held && (
            <span className="rounded-full border border-danger-200 bg-danger-50 px-2 py-0.5 text-sm font-semibold text-danger-700">On hold</span>
          )}
        </h3>
        {identity.held && (
          <p className="text-sm text-ink-700">
            Connected after a sign-in you reported as not yours, so it does not sign you in until you keep it. Disconnect it if you do not
            recognize it.
          </p>
        )}
        <div className="space-y-0.5 text-sm text-ink-700">
          {identity.email && <p className="break-words text-ink-900">{identity.email}</p>}
          <p>
            Connected <time dateTime={identity.createdAt}>{formatDate(identity.createdAt)}</time>
            {' · '}
            {identity.lastUsedAt ? (
              <>
                Last used{' '}
                <time dateTime={identity.lastUsedAt} title={formatDateTime(identity.lastUsedAt)}>
                  {formatRelativeTime(identity.lastUsedAt)}
                </time>
              </>
            ) : (
              'Never used'
            )}
          </p>
        </div>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        {identity.held && (
          <Button onClick={() => onKeep(identity)}>
            Keep {name}
            {showEmailInButton && identity.email && <span className="sr-only"> ({identity.email})</span>}
          </Button>
        )}
        <Button variant="secondary" onClick={() => onDisconnect(identity)}>
          Disconnect {name}
          {showEmailInButton && identity.email && <span className="sr-only"> ({identity.email})</span>}
        </Button>
      </div>
    </li>
  );
}

export function ConnectedAccountsSection() {
  const queryClient = useQueryClient();
  const identities = useQuery(identitiesQuery);
  const [disconnecting, setDisconnecting] = useState<Identity | null>(null);
  const [notice, setNotice] = useState<{ tone: AlertTone; text: string; at: number } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const say = (tone: AlertTone, text: string) => setNotice({ tone, text, at: Date.now() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.identities });

  const disconnect = useMutation({
    mutationFn: (identity: Identity) => unlinkIdentity(identity.id),
    onSuccess: (_nothing, identity) => {
      setDisconnecting(null);
      say('success', `${providerName(identity.provider)} is disconnected. It no longer signs you in to Workgate.`);
      container.current?.focus();
    },
    onError: (error, identity) => {
      const name = providerName(identity.provider);
      // Asking again cannot help until another way to sign in exists.
      if (isApiError(error, 'last_sign_in_method')) {
        setDisconnecting(null);
        container.current?.focus();
      }
      say(
        'error',
        errorMessage(error, {
          last_sign_in_method: `${name} is your only way to sign in. Set a password or add a passkey before you disconnect it.`,
          not_found: `${name} was already disconnected.`,
        }),
      );
    },
    onSettled: refresh,
  });
  const keep = useMutation({
    mutationFn: (identity: Identity) => keepIdentity(identity.id),
    onSuccess: (_nothing, identity) => say('success', `${providerName(identity.provider)} signs you in again.`),
    onError: (error, identity) => say('error', errorMessage(error, { not_found: `${providerName(identity.provider)} is no longer on hold.` })),
    onSettled: refresh,
  });
  const connect = useProviderRedirect(
    { intent: 'link', next: '/settings/security' },
    { onError: (error) => say('error', errorMessage(error)) },
  );

  if (identities.isPending) return <LoadingState label="Loading your connected accounts…" />;
  if (identities.isError) return <QueryError error={identities.error} onRetry={() => void identities.refetch()} />;

  const { identities: connected, available } = identities.data;
  const perProvider = new Map<string, number>();
  for (const identity of connected) perProvider.set(identity.provider.id, (perProvider.get(identity.provider.id) ?? 0) + 1);

  return (
    <div ref={container} tabIndex={-1} className="space-y-5 outline-none">
      <FormAlert tone={notice?.tone ?? 'info'}>{notice && <p key={notice.at}>{notice.text}</p>}</FormAlert>
      {connected.length === 0 ? (
        <p className="text-base text-ink-700">No accounts are connected.</p>
      ) : (
        <ul aria-label="Your connected accounts" className="divide-y divide-ink-200 rounded-xl border border-ink-200">
          {connected.map((identity) => (
            <IdentityItem
              key={identity.id}
              identity={identity}
              showEmailInButton={(perProvider.get(identity.provider.id) ?? 0) > 1}
              onDisconnect={(chosen) => {
                setNotice(null);
                setDisconnecting(chosen);
              }}
              onKeep={(chosen) => !keep.isPending && keep.mutate(chosen)}
            />
          ))}
        </ul>
      )}
      {disconnecting && (
        <ConfirmInline
          key={disconnecting.id}
          confirmLabel="Yes, disconnect"
          pending={disconnect.isPending}
          pendingLabel="Disconnecting…"
          onConfirm={() => disconnect.mutate(disconnecting)}
          onCancel={() => setDisconnecting(null)}
        >
          <p>
            Disconnect {providerName(disconnecting.provider)}
            {disconnecting.email ? ` (${disconnecting.email})` : ''}? It will no longer sign you in to Workgate.
          </p>
        </ConfirmInline>
      )}
      {available.length > 0 && (
        <div className="space-y-3">
          <p className="text-base text-ink-700">{connected.length > 0 ? 'Connect another account:' : 'Connect an account to sign in with it:'}</p>
          <div className="flex flex-wrap gap-3">
            {available.map((provider) => (
              <ProviderButton
                key={provider.id}
                provider={provider}
                verb="Connect"
                pending={connect.busyWith?.id === provider.id}
                onClick={() => {
                  setNotice(null);
                  connect.start(provider);
                }}
              />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
