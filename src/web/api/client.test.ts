/**
 * Step-up in the API client: a call refused with 403 reauthentication_required asks the
 * person to confirm it is them, then goes again once; cancelled, the refusal stands. The
 * reauthentication call itself never asks, and calls refused together share one question.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, isApiError } from './client';
import { setSignOutOffer } from './sign-out-offer';
import { setConfirmIdentityHandler } from './step-up';

const refusal = () =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Confirm it is you.', status: 403, code: 'reauthentication_required' }), {
    status: 403,
    headers: { 'content-type': 'application/problem+json' },
  });
const ok = () => new Response(null, { status: 204 });

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  vi.unstubAllGlobals();
});

describe('apiRequest with step-up', () => {
  it('retries the call once the person has confirmed it is them', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(refusal()).mockResolvedValueOnce(ok());
    vi.stubGlobal('fetch', fetch);
    const ask = vi.fn().mockResolvedValue(true);
    uninstall = setConfirmIdentityHandler(ask);

    await expect(apiRequest('POST', '/account/password', { currentPassword: 'a', newPassword: 'b' })).resolves.toBeUndefined();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![1].body).toBe(fetch.mock.calls[0]![1].body);
  });

  it('keeps the refusal when the person cancels', async () => {
    const fetch = vi.fn().mockResolvedValue(refusal());
    vi.stubGlobal('fetch', fetch);
    uninstall = setConfirmIdentityHandler(() => Promise.resolve(false));

    const error = await apiRequest('POST', '/account/sessions/revoke-all').catch((e: unknown) => e);
    expect(isApiError(error, 'reauthentication_required')).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('never asks for the reauthentication call itself', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(refusal()));
    const ask = vi.fn().mockResolvedValue(true);
    uninstall = setConfirmIdentityHandler(ask);

    await expect(apiRequest('POST', '/auth/reauthenticate', { password: 'x' })).rejects.toThrow();
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks once for calls refused at the same time', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(refusal()).mockResolvedValueOnce(refusal()).mockResolvedValueOnce(ok()).mockResolvedValueOnce(ok()),
    );
    let confirm: (confirmed: boolean) => void = () => undefined;
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (confirm = resolve)));
    uninstall = setConfirmIdentityHandler(ask);

    const both = Promise.all([apiRequest('DELETE', '/account/mfa/totp'), apiRequest('POST', '/account/mfa/recovery-codes')]);
    await vi.waitFor(() => expect(ask).toHaveBeenCalled());
    confirm(true);
    await both;
    expect(ask).toHaveBeenCalledTimes(1);
  });
});

describe('apiRequest after a change of sign-in factors', () => {
  const answer = (otherSessions: string | null) =>
    new Response(null, { status: 204, headers: otherSessions === null ? {} : { 'workgate-other-sessions': otherSessions } });

  it('offers to sign out the other devices the answer counts', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer('2')));
    const offer = vi.fn();
    uninstall = setSignOutOffer(offer);
    await apiRequest('DELETE', '/account/mfa/totp');
    expect(offer).toHaveBeenCalledWith(2);
  });

  it('offers nothing when no other device is signed in, or the answer says nothing', async () => {
    const offer = vi.fn();
    uninstall = setSignOutOffer(offer);
    for (const header of ['0', null, 'nonsense']) {
      vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(header)));
      await apiRequest('DELETE', '/account/mfa/totp');
    }
    expect(offer).not.toHaveBeenCalled();
  });
});
