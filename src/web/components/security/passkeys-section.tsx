/**
 * Passkeys on the account: add one (the browser creates it; the server names it after the
 * device, and it can be renamed), rename, remove. A passkey signs in on its own and also
 * serves as the second step after a password; the first one comes with recovery codes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { addPasskey, keepPasskey, passkeyRegistrationOptions, removePasskey, type Passkey } from '../../api/passkey-api';
import { errorMessage } from '../../api/error-messages';
import { passkeysQuery, queryKeys } from '../../api/queries';
import { createPasskey, isPasskeyCancelled, passkeyErrorMessage, passkeysSupported } from '../../lib/passkey';
import { Button } from '../ui/button';
import { FormAlert, type AlertTone } from '../ui/form-alert';
import { LoadingState } from '../ui/loading-state';
import { ConfirmInline } from './confirm-inline';
import { PasskeyItem } from './passkey-item';
import { RecoveryCodesPanel } from './recovery-codes-panel';

async function registerPasskey() {
  const response = await createPasskey(await passkeyRegistrationOptions());
  return addPasskey({ response });
}

export function PasskeysSection({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const passkeys = useQuery(passkeysQuery);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<{ tone: AlertTone; text: string; at: number } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const say = (tone: AlertTone, text: string) => setNotice({ tone, text, at: Date.now() });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.passkeys });
    // A passkey is a second factor too: the two-step settings change with it.
    void queryClient.invalidateQueries({ queryKey: queryKeys.mfaStatus });
  };

  const add = useMutation({
    mutationFn: registerPasskey,
    onSuccess: ({ passkey, recoveryCodes }) => {
      say('success', `Passkey added as “${passkey.name}”. You can rename it below.`);
      if (recoveryCodes.length > 0) setCodes(recoveryCodes);
    },
    onError: (error) => (isPasskeyCancelled(error) ? say('info', 'No passkey was added.') : say('error', passkeyErrorMessage(error))),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (passkey: Passkey) => removePasskey(passkey.id),
    onSuccess: (_nothing, passkey) => {
      setRemoving(null);
      say('success', `“${passkey.name}” is removed from your account. Remove it from the device or password manager too.`);
      container.current?.focus();
    },
    onError: (error) => say('error', errorMessage(error, { not_found: 'That passkey was already removed.' })),
    onSettled: refresh,
  });

  const keep = useMutation({
    mutationFn: (passkey: Passkey) => keepPasskey(passkey.id),
    onSuccess: ({ passkey }) => say('success', `“${passkey.name}” is yours again: it signs you in on its own.`),
    onError: (error) => say('error', errorMessage(error, { not_found: 'That passkey is no longer on hold.' })),
    onSettled: refresh,
  });

  if (codes) {
    return (
      <RecoveryCodesPanel
        codes={codes}
        email={email}
        reason="enabled"
        onSaved={() => {
          setCodes(null);
          say('success', 'Two-step verification is on: logging in with your password now also asks for your passkey or another method.');
          container.current?.focus();
        }}
      />
    );
  }

  let body;
  if (passkeys.isPending) body = <LoadingState label="Loading your passkeys…" />;
  else if (passkeys.isError) body = <p className="text-base text-danger-700">{errorMessage(passkeys.error)}</p>;
  else if (passkeys.data.passkeys.length === 0) body = <p className="text-base text-ink-700">You have no passkeys yet.</p>;
  else {
    body = (
      <ul aria-label="Your passkeys" className="divide-y divide-ink-200 rounded-xl border border-ink-200">
        {passkeys.data.passkeys.map((passkey) => (
          <PasskeyItem
            key={passkey.id}
            passkey={passkey}
            onRenamed={(renamed) => {
              say('success', `Passkey renamed to “${renamed.name}”.`);
              refresh();
            }}
            onRemove={setRemoving}
            onKeep={(held) => !keep.isPending && keep.mutate(held)}
          />
        ))}
      </ul>
    );
  }

  return (
    <div ref={container} tabIndex={-1} className="space-y-5 outline-none">
      <FormAlert tone={notice?.tone ?? 'info'}>{notice && <p key={notice.at}>{notice.text}</p>}</FormAlert>
      {body}
      {removing && (
        <ConfirmInline
          confirmLabel="Remove passkey"
          pending={remove.isPending}
          pendingLabel="Removing…"
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>Remove “{removing.name}”? It will no longer sign you in.</p>
        </ConfirmInline>
      )}
      {passkeysSupported() ? (
        <Button pending={add.isPending} pendingLabel="Waiting for your device…" onClick={() => !add.isPending && add.mutate()}>
          Add a passkey
        </Button>
      ) : (
        <p className="text-base text-ink-700">This browser cannot create passkeys. Try a recent Chrome, Safari, Edge or Firefox.</p>
      )}
    </div>
  );
}
