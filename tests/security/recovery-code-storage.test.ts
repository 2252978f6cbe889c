/**
 * A copy of the database must not give away recovery codes. ASVS 5.0 6.5.2: lookup secrets
 * with fewer than 112 bits of entropy are stored with a salted password hash; a plain hash is
 * enough only at 112 bits or more. NIST SP 800-63B §5.1.2.1 (look-up secrets: at least 20 bits,
 * stored salted and hashed unless of high entropy). Workgate's codes carry 120 bits (24 base32
 * characters) and are stored as SHA-256. Codes of the older 80-bit kind, issued before, keep
 * working once each against their own rows, and the settings say they should be replaced.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';
import { recoveryCodes as recoveryCodesTable } from '../../src/server/modules/auth/methods/recovery-code/recovery-code.table.js';

const BASE32 = /^[A-Z2-7]+$/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function withAuthenticator(): Promise<{ user: TestUser; cookie: string; codes: string[] }> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
  const code = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() });
  const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code } });
  expect(confirm.statusCode).toBe(200);
  t.clock.advance(MINUTE);
  return { user, cookie, codes: confirm.json().recoveryCodes };
}

async function signInWithRecoveryCode(user: TestUser, code: string) {
  const first = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: first.json().challenge, method: 'recovery_code', code } });
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

describe('recovery codes as issued', () => {
  it('carry at least 112 bits each: 24 symbols of 32, in six groups of four', async () => {
    const { codes } = await withAuthenticator();
    for (const code of codes) {
      expect(code).toMatch(/^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$/);
      const symbols = code.replaceAll('-', '');
      expect(symbols).toMatch(BASE32);
      expect(symbols.length * Math.log2(32)).toBeGreaterThanOrEqual(112);
    }
  });

  it('use the whole alphabet, at every position of a code, across sets', async () => {
    const { cookie, codes } = await withAuthenticator();
    const all = [...codes];
    for (let i = 0; i < 4; i++) all.push(...(await t.request('POST', '/api/v1/account/mfa/recovery-codes', { cookie })).json().recoveryCodes);
    const symbols = all.map((code) => code.replaceAll('-', ''));
    expect(new Set(symbols.join('')).size).toBe(32);
    // No position is stuck: a fixed character would cut 5 bits.
    for (let position = 0; position < 24; position++) expect(new Set(symbols.map((s) => s[position])).size).toBeGreaterThan(8);
  });

  it('are stored only as the SHA-256 of the code, marked as 120-bit, and never as the code itself', async () => {
    const { user, codes } = await withAuthenticator();
    const rows = await t.platform.db.query.recoveryCodes.findMany({ where: (r, { eq }) => eq(r.userId, user.id) });
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
    expect(rows.map((row) => row.codeHash).sort()).toEqual(codes.map((code) => sha256(code.replaceAll('-', ''))).sort());
    for (const row of rows) expect(row.entropyBits).toBe(120);
  });
});

describe('recovery codes of the older, 80-bit kind', () => {
  /** A user whose codes were issued before 120-bit codes: as the migration leaves their rows. */
  async function withOldCodes(): Promise<{ user: TestUser; cookie: string; old: string[] }> {
    const { user, cookie } = await withAuthenticator();
    const old = ['ABCD-EFGH-IJKL-MNOP', 'QRST-UVWX-YZ23-4567'];
    await t.platform.db.delete(recoveryCodesTable).where(eq(recoveryCodesTable.userId, user.id));
    await t.platform.db
      .insert(recoveryCodesTable)
      .values(old.map((code) => ({ codeHash: sha256(code.replaceAll('-', '')), userId: user.id, createdAt: t.clock.now(), entropyBits: 80 })));
    return { user, cookie, old };
  }

  it('still sign in, once each, and the settings ask for a new set until one is made', async () => {
    const { user, cookie, old } = await withOldCodes();
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json()).toMatchObject({ recoveryCodesRemaining: 2, recoveryCodesOutdated: true });

    expect((await signInWithRecoveryCode(user, old[0]!.toLowerCase())).statusCode).toBe(200);
    expect((await signInWithRecoveryCode(user, old[0]!)).json().code).toBe('invalid_code');

    const fresh = await t.request('POST', '/api/v1/account/mfa/recovery-codes', { cookie });
    expect(fresh.statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json()).toMatchObject({ recoveryCodesRemaining: 10, recoveryCodesOutdated: false });
    // The new set voided the old one.
    expect((await signInWithRecoveryCode(user, old[1]!)).json().code).toBe('invalid_code');
  });

  it('a code of the old length never matches a row of the new kind', async () => {
    const { user, codes } = await withAuthenticator();
    // The first 16 symbols of a real 120-bit code, and a row holding exactly that short code's hash, marked 120-bit.
    const short = codes[0]!.replaceAll('-', '').slice(0, 16);
    await t.platform.db.insert(recoveryCodesTable).values({ codeHash: sha256(short), userId: user.id, createdAt: t.clock.now(), entropyBits: 120 });
    expect((await signInWithRecoveryCode(user, short)).json().code).toBe('invalid_code');
  });
});
