/**
 * The second step of a login: a passkey, a code from the authenticator app, a code sent by
 * mail or SMS, or a recovery code, whichever the account has. Success goes on to `next`; a
 * challenge that expired or had too many wrong codes goes back to the login page.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { completeMfaLogin, sendMfaLoginCode, type SecondFactorMethod } from '../../api/auth-api';
import { isApiError } from '../../api/client';
import { errorMessage, SECOND_STEP_LOCKED } from '../../api/error-messages';
import { passkeySecondStepOptions } from '../../api/passkey-api';
import { useFormErrors } from '../../hooks/use-form-errors';
import { getPasskeyAssertion, isPasskeyCancelled, passkeyErrorMessage } from '../../lib/passkey';
import { clearPendingLogin, type PendingLogin } from '../../lib/pending-login';
import { Button } from '../ui/button';
import { CodeField, normalizeCode } from '../ui/code-field';
import { FormAlert } from '../ui/form-alert';
import { METHOD_WORDS, offeredMethods } from './second-factor-methods';
import { SendCodeControl } from '../send-code-control';

interface SecondFactorFormProps {
  pending: PendingLogin;
  next: string;
  /** The challenge is over (expired or too many wrong codes): start the login again. */
  onChallengeEnded: () => void;
}

const CODE_MESSAGES = {
  invalid_code: 'That code is not right. Check it and try again.',
  code_expired: 'That code has expired or was tried too often. Ask for a new one.',
} as const;
const WRONG_RECOVERY_CODE = 'That recovery code is not right, or it was already used.';

/** What the person answers: a typed code, or (for a passkey) the browser's assertion. */
type Answer = { method: SecondFactorMethod; code: string } | { method: 'passkey' };

async function answerWith(pending: PendingLogin, answer: Answer) {
  if (answer.method !== 'passkey') return completeMfaLogin({ challenge: pending.challenge, method: answer.method, code: answer.code });
  const response = await getPasskeyAssertion(await passkeySecondStepOptions(pending.challenge));
  return completeMfaLogin({ challenge: pending.challenge, method: 'passkey', code: JSON.stringify(response) });
}

export function SecondFactorForm({ pending, next, onChallengeEnded }: SecondFactorFormProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offered = offeredMethods(pending.methods);
  const [method, setMethod] = useState<SecondFactorMethod>(offered[0] ?? 'totp');
  const [code, setCode] = useState('');
  const errors = useFormErrors();
  const field = useRef<HTMLInputElement>(null);
  const passkeyButton = useRef<HTMLButtonElement>(null);
  const switched = useRef(false);
  const mutation = useMutation({ mutationFn: (answer: Answer) => answerWith(pending, answer), meta: { anonymousOk: true } });
  const words = METHOD_WORDS[method];
  const codeKind = words.kind === 'recovery' ? 'recovery' : 'digits';

  useEffect(() => {
    if (switched.current) (field.current ?? passkeyButton.current)?.focus();
  }, [method]);

  const choose = (other: SecondFactorMethod) => {
    switched.current = true;
    setMethod(other);
    setCode('');
    errors.clearAll();
  };

  const send = (answer: Answer) =>
    mutation.mutate(answer, {
      onSuccess: () => {
        clearPendingLogin(sessionStorage);
        // A new session: nothing cached from before it may remain.
        queryClient.clear();
        void navigate(next, { replace: true });
      },
      onError: (error) => {
        if (isApiError(error, 'challenge_expired')) return onChallengeEnded();
        if (answer.method === 'passkey') {
          if (isPasskeyCancelled(error)) return errors.clearAll();
          return errors.showErrors({}, passkeyErrorMessage(error));
        }
        if (isApiError(error, 'invalid_code') || isApiError(error, 'code_expired')) {
          const message = errorMessage(error, answer.method === 'recovery_code' ? { invalid_code: WRONG_RECOVERY_CODE } : CODE_MESSAGES);
          return errors.showErrors({ code: [message] }, message);
        }
        errors.showApiError(error, SECOND_STEP_LOCKED);
      },
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    if (method === 'passkey') return send({ method });
    const answer = normalizeCode(code, codeKind);
    if (codeKind === 'digits' && !/^\d{6}$/.test(answer)) return errors.showClientErrors({ code: ['Enter the 6-digit code.'] });
    if (answer === '') return errors.showClientErrors({ code: ['Enter one of your recovery codes.'] });
    send({ method, code: answer });
  };

  const others = offered.filter((other) => other !== method);
  return (
    <div className="space-y-6">
      <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
        <p className="text-base text-ink-700">{words.instruction}</p>
        {(method === 'email_code' || method === 'sms_code') && (
          <SendCodeControl
            key={method}
            method={method}
            send={() => sendMfaLoginCode({ challenge: pending.challenge, method })}
            alreadySent={pending.reason === 'new_device'}
            onSent={() => field.current?.focus()}
            onError={(error) => (isApiError(error, 'challenge_expired') ? onChallengeEnded() : errors.showApiError(error, SECOND_STEP_LOCKED))}
          />
        )}
        {method === 'passkey' ? (
          <>
            <p className="text-sm text-ink-600">{words.hint}</p>
            <Button ref={passkeyButton} type="submit" fullWidth pending={mutation.isPending} pendingLabel="Waiting for your passkey…">
              Use your passkey
            </Button>
          </>
        ) : (
          <>
            <CodeField
              ref={field}
              kind={codeKind}
              label={words.label}
              hint={words.hint}
              name="code"
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                errors.clearField('code');
              }}
              errors={errors.fields.code}
            />
            <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Verifying…">
              Verify
            </Button>
          </>
        )}
      </form>
      {others.length > 0 && (
        <div className="space-y-2 border-t border-ink-200 pt-5">
          <h2 className="text-base font-semibold text-ink-900">Other ways to verify</h2>
          <ul className="space-y-1">
            {others.map((other) => (
              <li key={other}>
                <button
                  type="button"
                  onClick={() => choose(other)}
                  className="min-h-11 text-left text-base font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900"
                >
                  {METHOD_WORDS[other].choose}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
