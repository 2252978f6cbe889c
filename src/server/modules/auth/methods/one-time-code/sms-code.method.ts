/**
 * Codes by SMS as a second factor. Counts only with a confirmed phone number: a number
 * nobody has proven to receive messages never carries a sign-in code.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../../http/errors.js';
import { secondStepKey, type SecondFactorMethod } from '../second-factor.js';
import { channelFactorEnabledSql, channelFactorSetUpSince } from './channel-factor.service.js';
import { secondFactorCodeSms } from './one-time-code.messages.js';
import { consumeOneTimeCode, issueOneTimeCode } from './one-time-code.service.js';
import { findVerifiedPhone, hasVerifiedPhoneSql, phoneNumberSetUpSince } from './phone-number.service.js';

export const smsCodeMethod: SecondFactorMethod = {
  id: 'sms_code',
  enabledSql: (userId) => sql<boolean>`(${channelFactorEnabledSql(userId, 'sms')} and ${hasVerifiedPhoneSql(userId)})`,
  async holdSetUpSince(db, userId, since) {
    const factor = await channelFactorSetUpSince(db, userId, 'sms', since);
    const phone = await phoneNumberSetUpSince(db, userId, since);
    return factor || phone;
  },
  async send(deps, user, bound) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) throw new AppError('method_not_available');
    const sentFor = secondStepKey(bound);
    const code = await issueOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'second_factor', recipient: phone, sentFor });
    await deps.sms.enqueue(secondFactorCodeSms(deps.config, phone, code));
  },
  async verify(deps, user, response, bound) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) return false;
    const check = await consumeOneTimeCode(deps, {
      userId: user.id,
      channel: 'sms',
      purpose: 'second_factor',
      recipient: phone,
      sentFor: secondStepKey(bound),
      code: response,
    });
    return check === 'accepted';
  },
};
