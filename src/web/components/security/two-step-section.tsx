/**
 * Two-step verification settings: the authenticator app (add with a QR code, remove), the
 * recovery codes (how many are left, a new set), and the other second factors. Every change
 * may ask "Confirm it's you" first (step-up); the API client handles that and retries.
 * New recovery codes take over the section until the person says they have saved them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/error-messages';
import { regenerateRecoveryCodes, removeTotp, startTotpEnrollment, type TotpEnrollment } from '../../api/mfa-api';
import { mfaStatusQuery, queryKeys } from '../../api/queries';
import { Button } from '../ui/button';
import { FormAlert, type AlertTone } from '../ui/form-alert';
import { LoadingState } from '../ui/loading-state';
import { EmailCodeRow, SmsCodeRow } from './code-channel-rows';
import { ConfirmInline } from './confirm-inline';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { SettingRow } from './setting-row';
import { TotpEnrollmentPanel } from './totp-enrollment';

type Panel =
  | { kind: 'enrolling'; enrollment: TotpEnrollment }
  | { kind: 'codes'; codes: string[]; reason: 'enabled' | 'regenerated' }
  | { kind: 'confirm'; action: 'remove_totp' | 'regenerate' }
  | null;

/** Fewer recovery codes than this and the page suggests a new set. */
const FEW_CODES = 3;

export function TwoStepSection({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const status = useQuery(mfaStatusQuery);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<{ tone: AlertTone; text: string; at: number } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const say = (tone: AlertTone, text: string) => setNotice({ tone, text, at: Date.now() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.mfaStatus });
  const showNewCodes = (codes: string[]) => setPanel({ kind: 'codes', codes, reason: 'enabled' });
  const fail = (error: unknown) => say('error', errorMessage(error));
  const backToList = (tone: AlertTone, text: string) => {
    setPanel(null);
    say(tone, text);
    container.current?.focus();
  };

  const start = useMutation({
    mutationFn: startTotpEnrollment,
    onSuccess: (enrollment) => setPanel({ kind: 'enrolling', enrollment }),
    onError: (error) => {
      say('error', errorMessage(error, { already_enabled: 'An authenticator app is already set up. Remove it first to add another.' }));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: removeTotp,
    onSuccess: () => backToList('success', 'The authenticator app is removed. It no longer works for logging in.'),
    onError: fail,
    onSettled: refresh,
  });
  const regenerate = useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: ({ recoveryCodes }) => setPanel({ kind: 'codes', codes: recoveryCodes, reason: 'regenerated' }),
    onError: fail,
    onSettled: refresh,
  });

  let body: ReactNode;
  if (panel?.kind === 'codes') {
    body = (
      <RecoveryCodesPanel
        codes={panel.codes}
        email={email}
        reason={panel.reason}
        onSaved={() => backToList('success', panel.reason === 'enabled' ? 'Two-step verification is on.' : 'Your new recovery codes are ready to use.')}
      />
    );
  } else if (panel?.kind === 'enrolling') {
    body = (
      <TotpEnrollmentPanel
        enrollment={panel.enrollment}
        onCancel={() => backToList('info', 'No authenticator app was added.')}
        onConfirmed={(codes) => {
          refresh();
          if (codes.length > 0) setPanel({ kind: 'codes', codes, reason: 'enabled' });
          else backToList('success', 'The authenticator app is added. Use it the next time you log in.');
        }}
      />
    );
  } else if (status.isPending) {
    body = <LoadingState label="Loading your two-step settings…" />;
  } else if (status.isError) {
    body = (
      <div className="space-y-3">
        <p className="text-base text-danger-700">{errorMessage(status.error)}</p>
        <Button variant="secondary" onClick={() => void status.refetch()}>
          Try again
        </Button>
      </div>
    );
  } else {
    const { totp, recoveryCodesRemaining, recoveryCodesOutdated, methods } = status.data;
    const on = methods.some((method) => method !== 'recovery_code');
    body = (
      <>
        <p className="text-base text-ink-900">
          Two-step verification is <strong>{on ? 'on' : 'off'}</strong>.
          {on ? ' Logging in needs your password and one of the methods below.' : ' Add a method below to turn it on.'}
        </p>
        <ul className="divide-y divide-ink-200 rounded-xl border border-ink-200">
          <SettingRow
            title="Authenticator app"
            state={totp ? 'On' : 'Off'}
            tone={totp ? 'on' : 'off'}
            actions={
              totp ? (
                <Button variant="secondary" onClick={() => setPanel({ kind: 'confirm', action: 'remove_totp' })}>
                  Remove<span className="sr-only"> the authenticator app</span>
                </Button>
              ) : (
                <Button pending={start.isPending} pendingLabel="Preparing…" onClick={() => !start.isPending && start.mutate()}>
                  Add an authenticator app
                </Button>
              )
            }
          >
            <p>A 6-digit code from an app on your phone, new every 30 seconds. Works without signal.</p>
          </SettingRow>
          <EmailCodeRow status={status.data} say={say} refresh={refresh} onRecoveryCodes={showNewCodes} />
          <SmsCodeRow status={status.data} say={say} refresh={refresh} onRecoveryCodes={showNewCodes} />
          <SettingRow title="Passkeys" state={methods.includes('passkey') ? 'On' : 'Off'} tone={methods.includes('passkey') ? 'on' : 'off'}>
            <p>
              A passkey also works as the second step after your password. <a href="#passkeys" className="font-semibold text-brand-700 underline underline-offset-2">Manage passkeys</a>.
            </p>
          </SettingRow>
          {on && (
            <SettingRow
              title="Recovery codes"
              state={`${recoveryCodesRemaining} left`}
              tone={recoveryCodesRemaining <= FEW_CODES || recoveryCodesOutdated ? 'warning' : 'on'}
              actions={
                <Button variant="secondary" onClick={() => setPanel({ kind: 'confirm', action: 'regenerate' })}>
                  Create new recovery codes
                </Button>
              }
            >
              <p>
                {recoveryCodesRemaining === 1 ? 'You have 1 unused recovery code.' : `You have ${recoveryCodesRemaining} unused recovery codes.`}{' '}
                Each works once, for when you cannot use your other methods.
                {recoveryCodesRemaining <= FEW_CODES ? ' You are running low: create a new set.' : ''}
                {recoveryCodesOutdated ? ' Your codes are of an older, shorter kind: they still work, but create a new set to replace them.' : ''}
              </p>
            </SettingRow>
          )}
        </ul>
        {panel?.kind === 'confirm' && panel.action === 'remove_totp' && (
          <ConfirmInline
            confirmLabel="Remove the authenticator app"
            pending={remove.isPending}
            pendingLabel="Removing…"
            onConfirm={() => remove.mutate()}
            onCancel={() => setPanel(null)}
          >
            <p>Remove the authenticator app? Its codes stop working for your account.</p>
          </ConfirmInline>
        )}
        {panel?.kind === 'confirm' && panel.action === 'regenerate' && (
          <ConfirmInline
            confirmLabel="Create new codes"
            pending={regenerate.isPending}
            pendingLabel="Creating…"
            onConfirm={() => regenerate.mutate()}
            onCancel={() => setPanel(null)}
          >
            <p>Create a new set of recovery codes? Your current codes stop working at once.</p>
          </ConfirmInline>
        )}
      </>
    );
  }

  return (
    <div ref={container} tabIndex={-1} className="space-y-5 outline-none">
      <FormAlert tone={notice?.tone ?? 'info'}>{notice && <p key={notice.at}>{notice.text}</p>}</FormAlert>
      {body}
    </div>
  );
}
