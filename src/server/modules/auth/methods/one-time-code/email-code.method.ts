/**
 * Codes by mail as a second factor. The account's (verified) address receives a fresh
 * six-digit code on request; see one-time-code.service.ts for lifetime, tries and limits.
 */
import { secondStepKey, type SecondFactorMethod } from '../second-factor.js';
import { channelFactorEnabledSql, channelFactorSetUpSince } from './channel-factor.service.js';
import { secondFactorCodeMail } from './one-time-code.messages.js';
import { consumeOneTimeCode, issueOneTimeCode } from './one-time-code.service.js';

export const emailCodeMethod: SecondFactorMethod = {
  id: 'email_code',
  enabledSql: (userId) => channelFactorEnabledSql(userId, 'email'),
  holdSetUpSince: (db, userId, since) => channelFactorSetUpSince(db, userId, 'email', since),
  async send(deps, user, bound) {
    const code = await issueOneTimeCode(deps, {
      userId: user.id,
      channel: 'email',
      purpose: 'second_factor',
      recipient: user.email,
      sentFor: secondStepKey(bound),
    });
    await deps.mailer.enqueue(secondFactorCodeMail(deps.config, user, code));
  },
  async verify(deps, user, response, bound) {
    // A wrong try, the last one included, is a plain "no": the flow counts and audits it.
    const check = await consumeOneTimeCode(deps, {
      userId: user.id,
      channel: 'email',
      purpose: 'second_factor',
      recipient: user.email,
      sentFor: secondStepKey(bound),
      code: response,
    });
    return check === 'accepted';
  },
};
