import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/error-codes';
import { ApiError } from './client';
import { errorMessage, SECOND_STEP_LOCKED, errorMessageForCode, fieldErrors } from './error-messages';

const problem = (code: keyof typeof ERROR_CODES, extra: object = {}) =>
  new ApiError({ status: ERROR_CODES[code].status, code, title: ERROR_CODES[code].title, ...extra });

describe('errorMessage', () => {
  it('has words for every code the server can answer', () => {
    for (const code of Object.keys(ERROR_CODES) as Array<keyof typeof ERROR_CODES>) {
      expect(errorMessage(problem(code))).toMatch(/\w+/);
    }
  });

  it('says how long to wait when rate limited', () => {
    expect(errorMessage(problem('rate_limited', { retryAfterSeconds: 300 }))).toBe('Too many attempts. Try again in 5 minutes.');
  });

  it('lets a screen override a code', () => {
    expect(errorMessage(problem('not_found'), { not_found: 'Already gone.' })).toBe('Already gone.');
  });

  it('answers something safe for an unknown error', () => {
    expect(errorMessage(new Error('boom'))).toMatch(/our side/);
  });
});

describe('errorMessageForCode', () => {
  it('words a code that came in a URL', () => {
    expect(errorMessageForCode('oidc_denied', 'oidc_failed')).toBe(errorMessage(problem('oidc_denied')));
    expect(errorMessageForCode('oidc_email_unverified', 'oidc_failed')).toMatch(/sign up with your email address/);
  });

  it('never puts words from the URL on the page', () => {
    for (const code of ['<b>hi</b>', 'toString', '__proto__', '', null]) {
      expect(errorMessageForCode(code, 'oidc_failed')).toBe(errorMessage(problem('oidc_failed')));
    }
  });
});

describe('fieldErrors', () => {
  it('groups field problems by field', () => {
    const error = problem('weak_password', {
      errors: [
        { path: 'password', message: 'Add another word.' },
        { path: 'password', message: 'Avoid dates.' },
      ],
    });
    expect(fieldErrors(error)).toEqual({ password: ['Add another word.', 'Avoid dates.'] });
  });
});

describe('account_locked', () => {
  it('says until when, in local time, when the server gives the end of the lock', () => {
    const message = errorMessage(problem('account_locked', { detail: '2026-03-01T12:30:00.000Z' }));
    expect(message).toMatch(/^Sign-in from new devices is paused for this account after several wrong passwords until /);
    expect(message).not.toContain('2026-03-01T12:30:00.000Z');
    expect(message).toContain('2026');
  });
});

describe('account_locked on a code or a password confirmation (SECOND_STEP_LOCKED)', () => {
  it('says until when for a timed lock, and what still works', () => {
    const message = errorMessage(problem('account_locked', { detail: '2026-03-01T12:30:00.000Z' }), SECOND_STEP_LOCKED);
    expect(message).toMatch(/not accepted until .*2026/);
    expect(message).toContain('A passkey or a recovery code still works');
  });

  it('says how it ends when it does not end by itself', () => {
    expect(errorMessage(problem('account_locked'), SECOND_STEP_LOCKED)).toMatch(/passkey or a recovery code, or choose a new password/);
  });
});
