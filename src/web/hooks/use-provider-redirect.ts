/**
 * Going to a provider: ask the server for the provider's sign-in address (POST
 * /auth/oidc/:provider/authorize; for `link` it may ask "Confirm it's you" first) and leave for
 * it. The button stays busy until the page is gone; coming back with the browser's Back button
 * (the page restored from the back/forward cache) makes it usable again.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../api/client';
import { authorize, type AuthorizeInput, type Provider } from '../api/provider-api';
import { isProviderUrl } from '../lib/provider-words';

interface ProviderRedirectOptions {
  onError?: (error: unknown, provider: Provider) => void;
  /** Runs just before leaving, e.g. to remember a choice for when the person comes back. */
  onLeave?: (provider: Provider) => void;
}

async function authorizationUrl(provider: Provider, input: AuthorizeInput): Promise<string> {
  const { authorizationUrl: url } = await authorize(provider.id, input);
  if (!isProviderUrl(url)) throw new ApiError({ status: 0, code: 'oidc_failed', title: 'Unexpected authorization URL.' });
  return url;
}

export function useProviderRedirect(input: AuthorizeInput, options: ProviderRedirectOptions = {}) {
  const mutation = useMutation({
    mutationFn: (provider: Provider) => authorizationUrl(provider, input),
    // A signed-out visitor's 401 on login is an answer for the screen, not "your session ended".
    meta: { anonymousOk: input.intent === 'login' },
    onSuccess: (url, provider) => {
      options.onLeave?.(provider);
      window.location.assign(url);
    },
    onError: (error, provider) => options.onError?.(error, provider),
  });
  const { reset } = mutation;

  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [reset]);

  // Busy from the press until the browser has left (success keeps it busy: the page is going).
  const busyWith = mutation.isPending || mutation.isSuccess ? mutation.variables : undefined;
  return {
    /** The provider whose button is busy, if any. */
    busyWith,
    start: (provider: Provider) => {
      if (busyWith) return;
      mutation.mutate(provider);
    },
    error: mutation.error,
  };
}
