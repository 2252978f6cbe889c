/**
 * Codes by SMS as a second factor. Counts only with a confirmed phone number: a number
 * nobody has proven to receive messages never carries a sign-in code.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../../http/errors.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { channelFactorEnabledSql, removeChannelFactorSince } from './channel-factor.service.js';
import { secondFactorCodeSms } from './one-time-code.messages.js';
import { consumeOneTimeCode, issueOneTimeCode } from './one-time-code.service.js';
import { findVerifiedPhone, hasVerifiedPhoneSql, removePhoneNumberSince } from './phone-number.service.js';

export const smsCodeMethod: SecondFactorMethod = {
  id: 'sms_code',
  enabledSql: (userId) => sql<boolean>`(${channelFactorEnabledSql(userId, 'sms')} and ${hasVerifiedPhoneSql(userId)})`,
  // A number entered since then goes with the factor: codes must not reach the intruder's phone.
  async removeSetUpSince(db, userId, since) {
    const factor = await removeChannelFactorSince(db, userId, 'sms', since);
    const phone = await removePhoneNumberSince(db, userId, since);
    return factor || phone;
  },
  async send(deps, user) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) throw new AppError('method_not_available');
    const code = await issueOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'second_factor', recipient: phone });
    await deps.sms.enqueue(secondFactorCodeSms(deps.config, phone, code));
  },
  async verify(deps, user, response) {
    const phone = await findVerifiedPhone(deps, user.id);
    if (!phone) return false;
    const check = await consumeOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'second_factor', recipient: phone, code: response });
    return check === 'accepted';
  },
};
