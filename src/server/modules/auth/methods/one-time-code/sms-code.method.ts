/**
 * Codes by SMS as a second factor. Counts only with a confirmed phone number: a number
 * nobody has proven to receive messages never carries a sign-in code.
 */
import { AppError } from '../../../../http/errors.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { isChannelFactorEnabled } from './channel-factor.service.js';
import { secondFactorCodeSms } from './one-time-code.messages.js';
import { consumeOneTimeCode, issueOneTimeCode } from './one-time-code.service.js';
import { findVerifiedPhone } from './phone-number.service.js';

export const smsCodeMethod: SecondFactorMethod = {
  id: 'sms_code',
  async isEnabled(deps, userId) {
    return (await isChannelFactorEnabled(deps, userId, 'sms')) && (await findVerifiedPhone(deps, userId)) !== undefined;
  },
  async send(deps, user) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) throw new AppError('method_not_available');
    const code = await issueOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'second_factor', recipient: phone });
    deps.sms.enqueue(secondFactorCodeSms(deps.config, phone, code));
  },
  async verify(deps, user, response) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) return false;
    const check = await consumeOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'second_factor', recipient: phone, code: response });
    return check === 'accepted';
  },
};
