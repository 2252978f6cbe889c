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

  it('still reads an event it does not know', () => {
    expect(describeActivity({ event: 'something_new', summary: {} })).toEqual({ title: 'Something new', warning: false });
  });
});
