/**
 * A page opened from a single-use link in a mail (/unlock, /not-me, /confirm-email-change,
 * /undo-email-change, /connect-provider). The action waits for a press of its button: mail scanners that open
 * links, even ones that run scripts, do not press buttons, so they cannot spend the link.
 * After success the token leaves the address bar and the history entry.
 */
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorMessage, type ErrorMessageOverrides } from '../api/error-messages';
import { useDocumentTitle } from '../hooks/use-document-title';
import { AuthCard } from './ui/auth-card';
import { Button } from './ui/button';
import { FormAlert } from './ui/form-alert';
import { TextLink } from './ui/text-link';

interface MailLinkActionProps<T> {
  title: string;
  intro: ReactNode;
  actionLabel: string;
  pendingLabel: string;
  action: (token: string) => Promise<T>;
  /** Runs once the action succeeded (e.g. forget the cached session). */
  onDone?: () => void;
  doneTitle: string;
  /** What the page says after success; a function of the server's answer when it matters. */
  done: ReactNode | ((result: T) => ReactNode);
  /** What to say when the link is invalid, expired or used. */
  expired: ReactNode;
  overrides?: ErrorMessageOverrides;
  footer?: ReactNode;
}

export function MailLinkAction<T>(props: MailLinkActionProps<T>) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const mutation = useMutation({ mutationFn: props.action, meta: { anonymousOk: true } });
  const expired = (!token && !mutation.isSuccess) || isApiError(mutation.error, 'invalid_token');
  useDocumentTitle(mutation.isSuccess ? props.doneTitle : expired ? 'Link expired' : props.title);

  const run = () => {
    if (mutation.isPending || !token) return;
    mutation.mutate(token, {
      onSuccess: () => {
        props.onDone?.();
        // The page stays (same route, same state); only the token leaves the address.
        void navigate(pathname, { replace: true });
      },
    });
  };

  const footer = props.footer ?? (
    <p>
      <TextLink to="/login">Log in</TextLink> · <TextLink to="/forgot-password">Reset your password</TextLink>
    </p>
  );

  if (mutation.isSuccess) {
    return (
      <AuthCard title={props.doneTitle} footer={footer}>
        <div className="space-y-3 text-base text-ink-700">{typeof props.done === 'function' ? props.done(mutation.data) : props.done}</div>
      </AuthCard>
    );
  }
  if (expired) {
    return (
      <AuthCard title="This link has expired" footer={footer}>
        <div className="space-y-3 text-base text-ink-700">{props.expired}</div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={props.title} footer={footer}>
      <div className="space-y-3 text-base text-ink-700">{props.intro}</div>
      <FormAlert>{mutation.isError && <p>{errorMessage(mutation.error, props.overrides)}</p>}</FormAlert>
      <Button fullWidth pending={mutation.isPending} pendingLabel={props.pendingLabel} onClick={run}>
        {props.actionLabel}
      </Button>
    </AuthCard>
  );
}
