/**
 * What a person can do when login answers 423 account_locked. The lock only pauses password
 * sign-in from devices that have not signed in before, and says the same whether or not the
 * account exists, so the help is the same for everyone.
 */
import { TextLink } from '../ui/text-link';

export function LockedAccountHelp() {
  return (
    <div className="space-y-2 rounded-lg border border-ink-200 p-4 text-base text-ink-700">
      <p className="font-semibold text-ink-900">What you can do</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>If this is your account, use the unlock link in the email we sent you, or sign in from a device you have used before.</li>
        <li>
          <TextLink to="/forgot-password">Reset your password</TextLink> if you think someone else knows it.
        </li>
        <li>
          Still cannot get in? <TextLink to="/support">Contact support</TextLink>.
        </li>
      </ul>
    </div>
  );
}
