/**
 * The one place where error codes become words for people (as Logto's web app does).
 * Screens pass overrides when a code means something more specific where they use it,
 * e.g. invalid_credentials on the change-password form is about the current password.
 */
import { formatDateTime, formatWait } from '../lib/format';
import { ApiError, type ClientErrorCode, type ClientProblem } from './client';

type Message = string | ((problem: ClientProblem) => string);

/** Per-call replacements for some codes. */
export type ErrorMessageOverrides = Partial<Record<ClientErrorCode, Message>>;

// A Record over every code: a new server code does not compile until it has words here.
const MESSAGES: Record<ClientErrorCode, Message> = {
  validation_failed: 'Some fields need attention. Check the messages next to them.',
  invalid_json: 'Your request could not be read. Reload the page and try again.',
  weak_password: 'Choose a stronger password. The suggestions under the password field can help.',
  invalid_token: 'This link is invalid, has expired or has already been used.',
  unauthenticated: 'Your session has ended. Log in to continue.',
  invalid_credentials: 'The email or password is incorrect. Check both and try again.',
  invalid_passkey:
    'We could not verify that passkey. Try again, or sign in another way. If you removed it from your account, remove it from your device too.',
  csrf_rejected: 'Your request was refused because it did not come from this site. Reload the page and try again.',
  email_unverified: 'Confirm your email address before you log in. We can send you a new confirmation link.',
  invalid_code: 'That code is not right. Check it and try again.',
  code_expired: 'That code has expired or was tried too often. Ask for a new one.',
  method_not_available: 'That method is not set up for your account. Choose another.',
  challenge_expired: 'This sign-in attempt has expired. Log in again.',
  forbidden: 'You do not have access to this page.',
  account_suspended: (problem) =>
    `This account is suspended${problem.detail ? `: ${problem.detail}` : '.'} If you think this is a mistake, contact support.`,
  admin_second_factor_required: 'Set up two-step verification or a passkey before you open the admin console.',
  password_reset_required: 'An administrator asked you to choose a new password. We have emailed you a link.',
  sign_in_method_held:
    'This way of signing in was added after a sign-in you reported as not yours, so it is on hold. Log in with your password, then keep it in your security settings if it is yours.',
  last_admin: 'The last admin cannot lose admin rights or be suspended.',
  cannot_act_on_self: 'You cannot do this to your own account.',
  reauthentication_required: 'For your security, confirm it is you to continue.',
  already_enabled: 'This is already set up.',
  email_taken: 'This email address now belongs to another account, so it cannot become yours. Your address stays as it was.',
  phone_unverified: 'Confirm your phone number with the code we texted you before turning on SMS codes.',
  phone_used_for_sign_in:
    'Your sign-in codes go to this phone number. Turn off SMS codes first, change the number, confirm it, then turn them on again.',
  // The server's detail is when the lock ends (ISO 8601); shown in the person's own time.
  account_locked: (problem) =>
    `Sign-in from new devices is paused for this account after several wrong passwords${
      problem.detail ? ` until ${formatLockEnd(problem.detail)}` : ''
    }. We have emailed the owner a link to unlock it, or you can reset your password.`,
  invalid_cursor: 'These results have changed since you opened the page. Start the search again.',
  client_role_required: 'Talent search is for clients. Choose “Start hiring” to add a client profile to your account.',
  limit_reached: 'You have added as many of these as a profile can hold. Remove one to add another.',
  file_too_large: 'That file is too large. Photos can be up to 5 MB and portfolio files up to 10 MB.',
  unsupported_file_type: 'That kind of file is not accepted here. Use a JPEG, PNG, WebP or GIF image (or a PDF for portfolio files).',
  file_rejected: 'That file could not be accepted. Save it again as a plain image or PDF and try again.',
  image_too_large: 'That image has too many pixels. Use one of at most 40 megapixels.',
  image_too_small: 'That image is too small. Use one of at least 100 × 100 pixels.',
  // Only native apps refresh tokens; the words are here because every code has some.
  invalid_refresh_token: 'Your sign-in has ended. Sign in again.',
  // The web app sends no Idempotency-Key yet; words for when it does.
  idempotency_request_in_flight: 'Your earlier attempt is still being processed. Wait a moment, then check before trying again.',
  idempotency_key_reused: 'This form was already sent with different details. Reload the page and try again.',
  ticket_closed: 'This ticket is closed. Write a new message if you still need help.',
  not_found: 'We could not find that. It may already be gone.',
  method_not_allowed: 'That action is not available. Reload the page and try again.',
  payload_too_large: 'What you entered is too long. Shorten it and try again.',
  unsupported_media_type: 'Your request could not be read. Reload the page and try again.',
  rate_limited: (problem) =>
    problem.retryAfterSeconds
      ? `Too many attempts. Try again in ${formatWait(problem.retryAfterSeconds)}.`
      : 'Too many attempts. Wait a few minutes and try again.',
  internal_error: 'Something went wrong on our side. Try again in a moment.',
  service_unavailable: 'Workgate is busy or starting up. Try again in a moment.',
  network_error: 'We could not reach Workgate. Check your connection and try again.',
  // Sign-in with Google, Apple or another provider. Most arrive in the URL of /login/provider.
  oidc_denied: 'Signing in with the provider was cancelled, so nothing changed. Try again, or log in another way.',
  oidc_invalid_state: 'This sign-in attempt expired, or it was started in another browser or tab. Start again from here.',
  oidc_failed: 'We could not verify the answer from the provider. Start again, or log in another way.',
  invalid_id_token: 'We could not verify the sign-in from the provider. Try again.',
  oidc_email_unverified:
    'The provider has not verified your email address, so we cannot use it to sign you in. Verify it with the provider, or sign up with your email address and a password.',
  oidc_wrong_account:
    'That is not the account connected to your Workgate account. Sign in to the provider with the connected account and try again.',
  provider_not_configured: 'This way of signing in is not available. Log in another way.',
  oidc_identity_taken:
    'That account is already connected to another Workgate account. Disconnect it there first, or choose another account at the provider.',
  oidc_link_required:
    'You already have a Workgate account with this email address. Log in to it first, then connect the provider in your security settings.',
  last_sign_in_method: 'This is your only way to sign in. Set a password or add a passkey before you disconnect it.',
  oidc_unavailable: 'The provider cannot be reached right now. Try again in a moment, or log in another way.',
};

/** "12 Mar 2026, 14:05" for an ISO time; anything else as the server said it. */
function formatLockEnd(detail: string): string {
  return Number.isNaN(Date.parse(detail)) ? detail : formatDateTime(detail);
}

/**
 * account_locked where a code or a password confirmation was refused (second step, step-up,
 * password change): the account's codes are paused after wrong answers, wherever they came from.
 */
export const SECOND_STEP_LOCKED: ErrorMessageOverrides = {
  account_locked: (problem) =>
    problem.detail
      ? `Too many wrong codes or passwords were entered for this account, so they are not accepted until ${formatLockEnd(problem.detail)}. A passkey or a recovery code still works.`
      : 'Too many wrong codes or passwords were entered for this account, so they are not accepted until you use a passkey or a recovery code, or choose a new password with a reset link.',
};

/** The sentence to show for `error`, using `overrides` first. */
export function errorMessage(error: unknown, overrides: ErrorMessageOverrides = {}): string {
  const problem: ClientProblem =
    error instanceof ApiError ? error.problem : { status: 0, code: 'internal_error', title: 'Unexpected error' };
  const message = overrides[problem.code] ?? MESSAGES[problem.code] ?? MESSAGES.internal_error;
  return typeof message === 'function' ? message(problem) : message;
}

/**
 * The sentence for a code that arrived from outside a problem document (e.g. `?error=` in the
 * URL the server sends the browser to). Anything that is not a known code reads as
 * `fallback`'s words, so the URL cannot put arbitrary text on the page.
 */
export function errorMessageForCode(code: string | null | undefined, fallback: ClientErrorCode, overrides: ErrorMessageOverrides = {}): string {
  const known = code !== null && code !== undefined && Object.hasOwn(MESSAGES, code) ? (code as ClientErrorCode) : fallback;
  return errorMessage(new ApiError({ status: 0, code: known, title: '' }), overrides);
}

/** Field problems of `error` grouped by field name (`email`, `password`, …). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return grouped;
  for (const { path, message } of error.problem.errors ?? []) {
    (grouped[path] ??= []).push(message);
  }
  return grouped;
}
