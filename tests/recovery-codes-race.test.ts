/**
 * Two second factors turned on at the same moment (an authenticator app in one tab, a passkey
 * in another) must not each create a set of recovery codes: the person would be shown a set
 * that the other request had already replaced.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recoveryCodesForNewFactor } from '../src/server/modules/auth/methods/recovery-code/recovery-code.service.js';
import { recoveryCodes } from '../src/server/modules/auth/methods/recovery-code/recovery-code.table.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => t.close());

it('of two factors turned on at once, one shows the first recovery codes and the other none', async () => {
  const user = await t.createUser();
  const { db } = t.platform;
  const answers = await Promise.all([
    db.transaction((tx) => recoveryCodesForNewFactor(t.platform, tx, user.id)),
    db.transaction((tx) => recoveryCodesForNewFactor(t.platform, tx, user.id)),
  ]);
  expect(answers.map((codes) => codes.length).sort()).toEqual([0, 10]);
  const stored = await db.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  expect(stored).toHaveLength(10);
});
