/**
 * The query client's global handlers: a call of a session that was suspended mid-use hands
 * the public reason to onSuspended (even for calls marked anonymousOk: a suspension is news
 * on every page); 401 goes to onUnauthenticated unless the call is anonymousOk.
 */
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { createQueryClient } from './query-client';

const suspended = new ApiError({ status: 403, code: 'account_suspended', title: 'This account is suspended.', detail: 'Payments outside Workgate.' });
const signedOut = new ApiError({ status: 401, code: 'unauthenticated', title: 'Sign in to continue.' });

function setUp() {
  const onUnauthenticated = vi.fn();
  const onSuspended = vi.fn();
  return { client: createQueryClient({ onUnauthenticated, onSuspended }), onUnauthenticated, onSuspended };
}

describe('createQueryClient', () => {
  it('hands a suspension to onSuspended with the public reason, for queries and mutations', async () => {
    const { client, onSuspended, onUnauthenticated } = setUp();
    await client.fetchQuery({ queryKey: ['q'], queryFn: () => Promise.reject(suspended), meta: { anonymousOk: true } }).catch(() => undefined);
    await client.getMutationCache().build(client, { mutationFn: () => Promise.reject(suspended) }).execute(undefined).catch(() => undefined);
    expect(onSuspended).toHaveBeenCalledTimes(2);
    expect(onSuspended.mock.calls[0]![0]).toMatchObject({ code: 'account_suspended', detail: 'Payments outside Workgate.' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('sends 401 to onUnauthenticated unless the call is anonymousOk', async () => {
    const { client, onUnauthenticated, onSuspended } = setUp();
    await client.fetchQuery({ queryKey: ['a'], queryFn: () => Promise.reject(signedOut), meta: { anonymousOk: true } }).catch(() => undefined);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await client.fetchQuery({ queryKey: ['b'], queryFn: () => Promise.reject(signedOut) }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(onSuspended).not.toHaveBeenCalled();
  });
});
