import { describe, expect, it } from 'vitest';
import { describeActivity, methodWords } from './activity-words';

describe('describeActivity', () => {
  it('names the methods of a login', () => {
    expect(methodWords('password+totp')).toBe('password and authenticator app');
    expect(describeActivity({ event: 'login_succeeded', summary: { method: 'passkey' } }).title).toBe('Logged in with passkey');
  });

  it('says why a login failed and marks it for attention', () => {
    expect(describeActivity({ event: 'login_failed', summary: { reason: 'wrong_password' } })).toEqual({
      title: 'Failed login: wrong password',
      warning: true,
    });
    expect(describeActivity({ event: 'login_failed', summary: { reason: 'wrong_second_factor', method: 'sms_code' } }).title).toBe(
      'Failed login: wrong SMS code',
    );
  });

  it('names sign-in providers by their label', () => {
    expect(describeActivity({ event: 'login_succeeded', summary: { method: 'google', provider: 'Google' } }).title).toBe('Logged in with Google');
    expect(describeActivity({ event: 'login_succeeded', summary: { method: 'okta+totp', provider: 'Okta' } }).title).toBe(
      'Logged in with Okta and authenticator app',
    );
    expect(describeActivity({ event: 'identity_linked', summary: { method: 'apple', provider: 'Apple' } }).title).toBe('Apple connected');
    expect(describeActivity({ event: 'identity_unlinked', summary: {} }).title).toBe('A sign-in provider disconnected');
    expect(describeActivity({ event: 'login_failed', summary: { reason: 'access_denied', method: 'google', provider: 'Google' } })).toEqual({
      title: 'Failed sign-in with Google',
      warning: true,
    });
  });

  it('still reads an event it does not know', () => {
    expect(describeActivity({ event: 'something_new', summary: {} })).toEqual({ title: 'Something new', warning: false });
  });
});
