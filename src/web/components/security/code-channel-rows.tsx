/**
 * Codes by email and by text message as second factors, in the two-step settings. SMS needs
 * a confirmed phone number first; the number cannot change while it receives sign-in codes.
 * The SMS row warns, before and after it is turned on, that a SIM swap hands the codes to
 * someone else, in the words the API answers (ASVS 5.0 6.6.1).
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { SMS_SIM_SWAP_WARNING } from '../../../shared/sms-warning';
import { errorMessage } from '../../api/error-messages';
import { turnOffCodeChannel, turnOnCodeChannel, type CodeChannel, type MfaStatus } from '../../api/mfa-api';
import { Button } from '../ui/button';
import type { AlertTone } from '../ui/form-alert';
import { PhoneNumberForm } from './phone-number-form';
import { SettingRow } from './setting-row';

interface RowProps {
  status: MfaStatus;
  say: (tone: AlertTone, text: string) => void;
  onRecoveryCodes: (codes: string[]) => void;
  refresh: () => void;
}

const NAMES: Record<CodeChannel, string> = { email: 'Email codes', sms: 'SMS codes' };

function useChannelToggle(channel: CodeChannel, { say, onRecoveryCodes, refresh }: Omit<RowProps, 'status'>) {
  return useMutation({
    mutationFn: async (on: boolean) => (on ? turnOnCodeChannel(channel) : (await turnOffCodeChannel(channel), { recoveryCodes: [] })),
    onSuccess: ({ recoveryCodes }, on) => {
      if (recoveryCodes.length > 0) return onRecoveryCodes(recoveryCodes);
      say('success', on ? `${NAMES[channel]} are on.` : `${NAMES[channel]} are off.`);
    },
    onError: (error) => say('error', errorMessage(error)),
    onSettled: refresh,
  });
}

export function EmailCodeRow(props: RowProps) {
  const on = props.status.emailCode;
  const toggle = useChannelToggle('email', props);
  return (
    <SettingRow
      title="Email codes"
      state={on ? 'On' : 'Off'}
      tone={on ? 'on' : 'off'}
      actions={
        <Button variant={on ? 'secondary' : 'primary'} pending={toggle.isPending} pendingLabel="Saving…" onClick={() => !toggle.isPending && toggle.mutate(!on)}>
          {on ? 'Turn off email codes' : 'Turn on email codes'}
        </Button>
      }
    >
      <p>A 6-digit code sent to your email address when you log in. Weaker than an app: use it if you have nothing else.</p>
    </SettingRow>
  );
}

export function SmsCodeRow(props: RowProps) {
  const { smsCode: on, phone } = props.status;
  const [editing, setEditing] = useState(false);
  const toggle = useChannelToggle('sms', props);
  const verified = phone?.verified === true;

  let actions;
  if (on) {
    actions = (
      <Button variant="secondary" pending={toggle.isPending} pendingLabel="Saving…" onClick={() => !toggle.isPending && toggle.mutate(false)}>
        Turn off SMS codes
      </Button>
    );
  } else if (!editing) {
    actions = (
      <>
        {verified && (
          <Button pending={toggle.isPending} pendingLabel="Saving…" onClick={() => !toggle.isPending && toggle.mutate(true)}>
            Turn on SMS codes
          </Button>
        )}
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {verified ? 'Change phone number' : phone ? 'Confirm phone number' : 'Add a phone number'}
        </Button>
      </>
    );
  }

  return (
    <SettingRow title="SMS codes" state={on ? 'On' : 'Off'} tone={on ? 'on' : 'off'} actions={actions}>
      <p>
        A 6-digit code sent by text message when you log in.{' '}
        {verified ? `Codes go to ${phone.phone}.` : phone ? `${phone.phone} is not confirmed yet.` : 'Add a mobile number first.'}
      </p>
      <p className="rounded-lg border border-warning-200 bg-warning-50 px-3 py-2 text-warning-800">
        {SMS_SIM_SWAP_WARNING.message}
      </p>
      {editing && (
        <div className="pt-2">
          <PhoneNumberForm
            unconfirmed={phone && !phone.verified ? phone.phone : null}
            onCancel={() => setEditing(false)}
            onConfirmed={(status) => {
              setEditing(false);
              props.say('success', `${status.phone} is confirmed. You can now turn on SMS codes.`);
              props.refresh();
            }}
          />
        </div>
      )}
    </SettingRow>
  );
}
