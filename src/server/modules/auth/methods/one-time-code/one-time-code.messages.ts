/**
 * What carries a code: the mail and the text messages. The code stays out of mail subjects,
 * which the mail log records. Text messages end in the origin-bound format of the WebOTP
 * proposal ("@host #code"), so browsers can offer the code only on this site.
 */
import type { Config } from '../../../../config.js';
import { composeMail } from '../../../../platform/mail-layout.js';
import type { MailMessage } from '../../../../platform/mail.js';
import type { SmsMessage } from '../../../../platform/sms.js';

function originBound(config: Config, code: string): string {
  return `@${config.publicUrl.hostname} #${code}`;
}

export function secondFactorCodeMail(config: Config, user: { email: string; name: string }, code: string): MailMessage {
  return composeMail({
    to: user.email,
    subject: 'Your Workgate security code',
    paragraphs: [
      `Hi ${user.name},`,
      `Your security code is ${code}. Enter it to finish signing in or to confirm a change. It works once, for 10 minutes.`,
      'If you did not ask for it, someone may know your password: reset it now. Workgate never asks for this code by phone or chat.',
    ],
    links: [{ label: 'Reset your password', url: new URL('/forgot-password', config.publicUrl).toString() }],
  });
}

export function secondFactorCodeSms(config: Config, to: string, code: string): SmsMessage {
  return {
    to,
    body: `Your Workgate security code is ${code}. It expires in 10 minutes. Never share it.\n\n${originBound(config, code)}`,
  };
}

export function phoneVerificationSms(config: Config, to: string, code: string): SmsMessage {
  return {
    to,
    body: `Your Workgate code to confirm this phone number is ${code}. It expires in 10 minutes.\n\n${originBound(config, code)}`,
  };
}
