/**
 * Adding or changing the phone number for SMS codes, in two steps: the number (read in the
 * browser's region unless it starts with +), then the code texted to it. Until that code
 * comes back, the number receives no sign-in codes.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { setPhoneNumber, verifyPhoneNumber, type PhoneStatus } from '../../api/mfa-api';
import { useCountdown } from '../../hooks/use-countdown';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatCountdown } from '../../lib/format';
import { Button } from '../ui/button';
import { CodeField, normalizeCode } from '../ui/code-field';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

const RESEND_SECONDS = 60;

/** The browser's region ("GB" for en-GB), used for numbers typed without +country code. */
function browserRegion(): { code: string; name: string } | undefined {
  try {
    const code = new Intl.Locale(navigator.language).maximize().region;
    if (!code || !/^[A-Z]{2}$/.test(code)) return undefined;
    return { code, name: new Intl.DisplayNames([navigator.language], { type: 'region' }).of(code) ?? code };
  } catch {
    return undefined;
  }
}

interface PhoneNumberFormProps {
  /** The number waiting for its code, if any: the form starts at the code step. */
  unconfirmed: string | null;
  onConfirmed: (status: PhoneStatus) => void;
  onCancel: () => void;
}

export function PhoneNumberForm({ unconfirmed, onConfirmed, onCancel }: PhoneNumberFormProps) {
  const [sentTo, setSentTo] = useState<string | null>(unconfirmed);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [until, setUntil] = useState<number | null>(null);
  const remaining = useCountdown(until);
  const errors = useFormErrors();
  const region = useRef(browserRegion()).current;
  const first = useRef<HTMLInputElement>(null);
  const send = useMutation({ mutationFn: setPhoneNumber });
  const verify = useMutation({ mutationFn: verifyPhoneNumber });

  useEffect(() => first.current?.focus(), [sentTo]);

  const sendCode = (number: string) => {
    if (send.isPending || remaining > 0) return;
    send.mutate(
      { phone: number, ...(region && !number.startsWith('+') ? { country: region.code } : {}) },
      {
        onSuccess: (status) => {
          errors.clearAll();
          setSentTo(status.phone);
          setCode('');
          setUntil(Date.now() + RESEND_SECONDS * 1000);
        },
        onError: (error) => {
          if (isApiError(error, 'rate_limited')) setUntil(Date.now() + (error.problem.retryAfterSeconds ?? RESEND_SECONDS) * 1000);
          errors.showApiError(error);
        },
      },
    );
  };

  const onSubmitNumber = (event: FormEvent) => {
    event.preventDefault();
    if (phone.trim() === '') return errors.showClientErrors({ phone: ['Enter your mobile phone number.'] });
    sendCode(phone.trim());
  };

  const onSubmitCode = (event: FormEvent) => {
    event.preventDefault();
    if (verify.isPending) return;
    const answer = normalizeCode(code);
    if (!/^\d{6}$/.test(answer)) return errors.showClientErrors({ code: ['Enter the 6-digit code from the text message.'] });
    verify.mutate(answer, {
      onSuccess: onConfirmed,
      onError: (error) => errors.showApiError(error, { invalid_code: 'That code is not right. Check the text message and try again.' }),
    });
  };

  if (sentTo === null) {
    return (
      <form ref={errors.formRef} noValidate onSubmit={onSubmitNumber} className="space-y-4 rounded-lg border border-ink-200 p-4">
        <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
        <TextField
          ref={first}
          label="Mobile phone number"
          hint={region ? `Start with + and the country code, or we read it as a number in ${region.name}.` : 'Start with + and the country code, like +44 7400 123456.'}
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          value={phone}
          onChange={(event) => {
            setPhone(event.target.value);
            errors.clearField('phone');
          }}
          errors={errors.fields.phone}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={send.isPending} pendingLabel="Sending…" inactive={remaining > 0}>
            Text me a code
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmitCode} className="space-y-4 rounded-lg border border-ink-200 p-4">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <p className="text-base text-ink-700">
        We texted a code to <strong className="text-ink-900">{sentTo}</strong>. It works for 10 minutes.
      </p>
      <CodeField
        ref={first}
        label="Code from the text message"
        name="code"
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          errors.clearField('code');
        }}
        errors={errors.fields.code}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={verify.isPending} pendingLabel="Checking…">
          Confirm number
        </Button>
        <Button variant="secondary" pending={send.isPending} pendingLabel="Sending…" inactive={remaining > 0} onClick={() => sendCode(sentTo)}>
          Text me a new code
        </Button>
        <Button variant="secondary" onClick={() => setSentTo(null)}>
          Use another number
        </Button>
      </div>
      {remaining > 0 && (
        <p className="text-sm text-ink-700">
          You can ask for another code in <span className="font-semibold tabular-nums">{formatCountdown(remaining)}</span>.
        </p>
      )}
    </form>
  );
}
