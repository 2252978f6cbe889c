/**
 * The device side of every successful sign-in (password, second step, passkey, email link):
 * the device is remembered for the account, gets its token back (cookie or header, see
 * http/device-cookie.ts), and the owner is alerted when the device is new.
 */
import type { FastifyReply } from 'fastify';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { readDeviceToken, sendDeviceToken } from '../../http/device-cookie.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import { rememberDevice } from './known-devices.service.js';
import { alertNewDeviceSignIn } from './new-device-alert.js';

export interface SignInDeviceOptions {
  client: 'browser' | 'app';
  /**
   * 'if_new' (the default) mails the owner about a new device; 'never' only remembers it,
   * for the browser that confirms a new account's address, which is its first device.
   */
  alert?: 'if_new' | 'never';
}

/** Remembers the signing-in device, hands back its token, and alerts the owner when it is new. */
export async function recognizeSignInDevice(
  deps: Deps,
  reply: FastifyReply,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  options: SignInDeviceOptions,
  context: RequestContext,
): Promise<void> {
  const alert = (options.alert ?? 'if_new') === 'if_new';
  const device = await rememberDevice(deps, user.id, readDeviceToken(deps.config, reply.request), context, { checkFamiliar: alert });
  sendDeviceToken(deps.config, reply, device.token, options.client);
  if (alert && !device.known && !device.familiar) {
    await alertNewDeviceSignIn(deps, user, { deviceId: device.id, client: options.client }, context);
  }
}
