/**
 * What the "Confirm it's you" dialog asks: the password by default, or any second factor the
 * account has (a passkey, the authenticator app, a code by mail or SMS, a recovery code). A
 * right answer opens the server's step-up window (POST /auth/reauthenticate); the dialog then
 * lets the refused call go again. An account with connected providers can also confirm at
 * the provider ("Confirm with Google"): that leaves the page and comes back to it, and the
 * person then tries the change again. An account without a password is not asked for one.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { reauthenticate, type SecondFactorMethod } from '../../api/auth-api';
import { isApiError } from '../../api/client';
import { SECOND_STEP_LOCKED } from '../../api/error-messages';
import { sendReauthenticationCode } from '../../api/mfa-api';
import { passkeyReauthenticationOptions } from '../../api/passkey-api';
import { identitiesQuery, mfaStatusQuery } from '../../api/queries';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useProviderRedirect } from '../../hooks/use-provider-redirect';
import { getPasskeyAssertion, isPasskeyCancelled, passkeyErrorMessage } from '../../lib/passkey';
import { distinctProviders } from '../../lib/provider-words';
import { ProviderButton } from '../login/provider-buttons';
import { METHOD_WORDS, offeredMethods } from '../login/second-factor-methods';
import { SendCodeControl } from '../send-code-control';
import { Button } from '../ui/button';
import { CodeField, normalizeCode } from '../ui/code-field';
import { FormAlert } from '../ui/form-alert';
import { PasswordField } from '../ui/password-field';

type Proof = 'password' | SecondFactorMethod;

const SWITCH_LABELS: Record<Proof, string> = {
  password: 'Use your password instead',
  passkey: 'Use a passkey instead',
  totp: 'Use your authenticator app instead',
  email_code: 'Get a code by email instead',
  sms_code: 'Get a code by text message instead',
  recovery_code: 'Use a recovery code instead',
};

const WRONG: Record<Proof, string> = {
  password: 'That password is not right.',
  passkey: 'That passkey could not be verified. Try again, or use another way.',
  totp: 'That code is not right. Enter the current code from your authenticator app.',
  email_code: 'That code is not right, or it has expired. Check the email or ask for a new code.',
  sms_code: 'That code is not right, or it has expired. Check the text message or ask for a new code.',
  recovery_code: 'That recovery code is not right, or it was already used.',
};

/** Proves it is the person with `proof`: the password, a typed code, or a passkey ceremony. */
async function prove(proof: Proof, answer: string): Promise<void> {
  if (proof === 'password') return reauthenticate({ password: answer });
  if (proof !== 'passkey') return reauthenticate({ method: proof, code: answer });
  const response = await getPasskeyAssertion(await passkeyReauthenticationOptions());
  return reauthenticate({ method: 'passkey', code: JSON.stringify(response) });
}

interface ConfirmIdentityFormProps {
  email: string;
  onConfirmed: () => void;
  onCancel: () => void;
}

export function ConfirmIdentityForm({ email, onConfirmed, onCancel }: ConfirmIdentityFormProps) {
  const status = useQuery(mfaStatusQuery);
  const identities = useQuery(identitiesQuery);
  const { pathname, search } = useLocation();
  // Unknown (loading, or not answered): the password, as for every account before providers.
  const hasPassword = identities.data?.hasPassword ?? true;
  const offered: Proof[] = [...(hasPassword ? (['password'] as const) : []), ...offeredMethods(status.data?.methods ?? [])];
  const providers = distinctProviders(identities.data?.identities.map((identity) => identity.provider) ?? []);
  const [chosen, setProof] = useState<Proof | null>(null);
  // What is asked: the person's choice, else the first the account has; none when it has only providers.
  const proof: Proof | null = chosen !== null && offered.includes(chosen) ? chosen : (offered[0] ?? null);
  const [value, setValue] = useState('');
  const errors = useFormErrors();
  const field = useRef<HTMLInputElement>(null);
  const passkeyButton = useRef<HTMLButtonElement>(null);
  const switched = useRef(false);
  const mutation = useMutation({ mutationFn: (answer: string) => prove(proof ?? 'password', answer) });
  const atProvider = useProviderRedirect({ intent: 'reauthenticate', next: `${pathname}${search}` }, { onError: (error) => errors.showApiError(error) });
  const codeKind = proof === 'recovery_code' ? 'recovery' : 'digits';

  useEffect(() => {
    // After choosing another way, the new field takes focus (not on first open: the dialog does that).
    if (switched.current) (field.current ?? passkeyButton.current)?.focus();
  }, [proof]);

  const choose = (next: Proof) => {
    switched.current = true;
    setProof(next);
    setValue('');
    errors.clearAll();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending || proof === null) return;
    const answer = proof === 'password' ? value : proof === 'passkey' ? '' : normalizeCode(value, codeKind);
    if (proof !== 'passkey' && answer === '') {
      return errors.showClientErrors({ answer: [proof === 'password' ? 'Enter your password.' : 'Enter the code.'] });
    }
    mutation.mutate(answer, {
      onSuccess: onConfirmed,
      onError: (error) => {
        // The session itself ended: the app is going to the login page; nothing to confirm.
        if (isApiError(error, 'unauthenticated')) return onCancel();
        if (proof === 'passkey' && !isApiError(error)) {
          return isPasskeyCancelled(error) ? errors.clearAll() : errors.showErrors({}, passkeyErrorMessage(error));
        }
        if (isApiError(error, 'invalid_credentials') || isApiError(error, 'invalid_code') || isApiError(error, 'invalid_passkey')) {
          return errors.showErrors(proof === 'passkey' ? {} : { answer: [WRONG[proof]] }, WRONG[proof]);
        }
        errors.showApiError(error, SECOND_STEP_LOCKED);
      },
    });
  };

  const onChange = (next: string) => {
    setValue(next);
    errors.clearField('answer');
  };

  let input;
  if (proof === null) {
    input = (
      <p className="text-base text-ink-700">
        Confirm with the account you sign in with. You come back to this page afterwards; then make your change again.
      </p>
    );
  } else if (proof === 'password') {
    input = (
      <PasswordField
        ref={field}
        label="Password"
        name="password"
        autoComplete="current-password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        errors={errors.fields.answer}
      />
    );
  } else if (proof === 'passkey') {
    input = <p className="text-base text-ink-700">{METHOD_WORDS.passkey.hint}</p>;
  } else {
    const words = METHOD_WORDS[proof];
    input = (
      <>
        {(proof === 'email_code' || proof === 'sms_code') && (
          <SendCodeControl
            key={proof}
            method={proof}
            send={() => sendReauthenticationCode(proof)}
            onSent={() => field.current?.focus()}
            onError={(error) => errors.showApiError(error, SECOND_STEP_LOCKED)}
          />
        )}
        <CodeField
          ref={field}
          kind={codeKind}
          label={words.label}
          hint={words.hint}
          name="code"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          errors={errors.fields.answer}
        />
      </>
    );
  }

  const actions = (
    <div className="flex flex-wrap gap-3">
      {proof !== null && (
        <Button ref={passkeyButton} type="submit" pending={mutation.isPending} pendingLabel={proof === 'passkey' ? 'Waiting for your passkey…' : 'Checking…'}>
          {proof === 'passkey' ? 'Use your passkey' : 'Confirm'}
        </Button>
      )}
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      {/* Tells password managers which account the password is for. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {input}
      {offered.length > 1 && (
        <ul className="space-y-1">
          {offered
            .filter((other) => other !== proof)
            .map((other) => (
              <li key={other}>
                <button
                  type="button"
                  onClick={() => choose(other)}
                  className="min-h-11 text-left text-base font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900"
                >
                  {SWITCH_LABELS[other]}
                </button>
              </li>
            ))}
        </ul>
      )}
      {proof !== null && actions}
      {providers.length > 0 && (
        <div className={proof === null ? 'space-y-3' : 'space-y-3 border-t border-ink-200 pt-5'}>
          {proof !== null && <p className="text-base text-ink-700">Or confirm at a provider you sign in with. You come back here; then make your change again.</p>}
          {providers.map((provider) => (
            <ProviderButton
              key={provider.id}
              provider={provider}
              verb="Confirm with"
              fullWidth
              pending={atProvider.busyWith?.id === provider.id}
              onClick={() => {
                errors.clearAll();
                atProvider.start(provider);
              }}
            />
          ))}
        </div>
      )}
      {proof === null && actions}
    </form>
  );
}
