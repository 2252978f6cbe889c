/**
 * Adding an authenticator app: scan the QR code (or type the key, shown in groups of four),
 * then type the app's first code to prove it works. Nothing changes for login until then.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { confirmTotpEnrollment, type TotpEnrollment } from '../../api/mfa-api';
import { useFormErrors } from '../../hooks/use-form-errors';
import { groupForReading } from '../../lib/format';
import { Button } from '../ui/button';
import { CodeField, normalizeCode } from '../ui/code-field';
import { FormAlert } from '../ui/form-alert';

interface TotpEnrollmentProps {
  enrollment: TotpEnrollment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

const WRONG_CODE = 'That code is not right. Check that you added the new Workgate entry and that your device shows the right time.';

export function TotpEnrollmentPanel({ enrollment, onConfirmed, onCancel }: TotpEnrollmentProps) {
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState('');
  const errors = useFormErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  const mutation = useMutation({ mutationFn: confirmTotpEnrollment });

  useEffect(() => heading.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const answer = normalizeCode(code);
    if (!/^\d{6}$/.test(answer)) return errors.showClientErrors({ code: ['Enter the 6-digit code your app shows.'] });
    mutation.mutate(answer, {
      onSuccess: ({ recoveryCodes }) => onConfirmed(recoveryCodes),
      onError: (error) => {
        if (isApiError(error, 'invalid_code')) return errors.showErrors({ code: [WRONG_CODE] }, WRONG_CODE);
        errors.showApiError(error);
      },
    });
  };

  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(enrollment.secret);
      setCopied('Key copied.');
    } catch {
      setCopied('Your browser did not allow copying. Type the key instead.');
    }
  };

  return (
    <section aria-labelledby="totp-enrollment-title" className="space-y-5 rounded-lg border border-ink-200 p-4 sm:p-5">
      <h3 id="totp-enrollment-title" ref={heading} tabIndex={-1} className="text-lg font-bold text-ink-900 outline-none">
        Add an authenticator app
      </h3>
      <ol className="list-decimal space-y-5 pl-5 text-base text-ink-900 marker:font-semibold">
        <li className="space-y-3">
          <p>
            Open an authenticator app (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis), choose to
            add an account, and scan this QR code.
          </p>
          <img
            src={enrollment.qrCodeDataUrl}
            alt="QR code that adds Workgate to your authenticator app. If you cannot scan it, use the setup key below."
            width={240}
            height={240}
            className="size-60 rounded-lg border border-ink-200 bg-white"
          />
        </li>
        <li className="space-y-2">
          <p>Cannot scan it? Enter this setup key in the app instead (time-based, 6 digits):</p>
          <p>
            <code className="block rounded-lg bg-ink-100 px-3 py-2 font-mono text-lg break-words text-ink-900">
              {groupForReading(enrollment.secret)}
            </code>
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => void copyKey()}>
              Copy key
            </Button>
            <p aria-live="polite" className="text-sm text-ink-700">
              {copied}
            </p>
          </div>
        </li>
        <li className="space-y-3">
          <p>Enter the code the app now shows for Workgate.</p>
          <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-4">
            <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
            <CodeField
              label="Code from the app"
              name="code"
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                errors.clearField('code');
              }}
              errors={errors.fields.code}
            />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" pending={mutation.isPending} pendingLabel="Checking…">
                Turn on
              </Button>
              <Button variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </section>
  );
}
