/**
 * Turning codes by mail or SMS on and off as a second factor. SMS needs a confirmed phone
 * number first. Turning a channel off voids its outstanding codes.
 */
import type { Deps } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import type { AuthUser } from '../../../sessions/sessions.service.js';
import type { SecondFactorMethodId } from '../second-factor.js';
import { disableChannelFactor, enableChannelFactor } from './channel-factor.service.js';
import { voidOneTimeCodes, type CodeChannel } from './one-time-code.service.js';
import { findVerifiedPhone } from './phone-number.service.js';

/** How each channel is named in audit entries (the method id) and in alert mail. */
export const CODE_CHANNELS: Record<CodeChannel, { method: SecondFactorMethodId; label: string }> = {
  email: { method: 'email_code', label: 'Codes by email' },
  sms: { method: 'sms_code', label: 'Codes by text message (SMS)' },
};

/** Turns a channel on; throws already_enabled, or phone_unverified for SMS without a confirmed number. */
export async function turnOnCodeFactor(deps: Deps, user: AuthUser, channel: CodeChannel): Promise<void> {
  if (channel === 'email' && !user.emailVerifiedAt) throw new AppError('email_unverified');
  if (channel === 'sms' && !(await findVerifiedPhone(deps, user.id))) throw new AppError('phone_unverified');
  if (!(await enableChannelFactor(deps, user.id, channel))) throw new AppError('already_enabled');
}

/** Turns a channel off; throws not_found when it was not on. */
export async function turnOffCodeFactor(deps: Deps, user: AuthUser, channel: CodeChannel): Promise<void> {
  if (!(await disableChannelFactor(deps, user.id, channel))) throw new AppError('not_found');
  await voidOneTimeCodes(deps, { userId: user.id, channel, purpose: 'second_factor' });
}
