/**
 * `npm run admin -- grant|revoke <email>`: the only way to make the first admin. Run as
 * a real process against the database the server would open (a PGlite DATA_DIR, or PostgreSQL
 * under scripts/with-services.sh), it sets the role, audits it as done from the command line,
 * and fails with a message for an unknown email or the last admin.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db.js';
import { users } from '../../src/server/modules/accounts/accounts.table.js';
import { auditEvents } from '../../src/server/modules/security/audit.table.js';
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let databaseEnv: Record<string, string>;
let cleanUp: () => Promise<void>;
const open = () => openDatabase(databaseEnv.DATABASE_URL ? { url: databaseEnv.DATABASE_URL, poolSize: 2 } : { dataDir: databaseEnv.DATA_DIR });

beforeAll(async () => {
  if (testDatabaseUrl) {
    const database = await createTestDatabase();
    await database.handle.close();
    databaseEnv = { DATABASE_URL: database.url! };
    cleanUp = database.drop;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'workgate-admin-cli-'));
    databaseEnv = { DATA_DIR: dataDir };
    cleanUp = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  // PGlite allows one process at a time: the test opens, writes and closes before each run.
  const handle = await open();
  const now = new Date();
  await handle.db.insert(users).values([
    { id: randomUUID(), email: 'ada@example.com', name: 'Ada', role: 'client', createdAt: now, emailVerifiedAt: now },
    { id: randomUUID(), email: 'bob@example.com', name: 'Bob', role: 'freelancer', createdAt: now, emailVerifiedAt: now },
  ]);
  await handle.close();
}, 60_000);
afterAll(async () => cleanUp?.());

function runAdmin(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'development', ...databaseEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function inspect(email: string) {
  const handle = await open();
  try {
    const [user] = await handle.db.select().from(users).where(eq(users.email, email));
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user!.id)));
    return { isAdmin: user!.isAdmin, events: events.map((e) => ({ event: e.event, by: e.details.by })) };
  } finally {
    await handle.close();
  }
}

describe('npm run admin', () => {
  it('grants the role to an email (any case), prints it, and audits it as done from the command line', async () => {
    const result = runAdmin('grant', 'ADA@example.com');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ada@example\.com is now an admin/);
    const ada = await inspect('ada@example.com');
    expect(ada.isAdmin).toBe(true);
    expect(ada.events).toContainEqual({ event: 'admin_granted', by: 'command_line' });
  }, 60_000);

  it('refuses to revoke the last admin, then revokes once another admin exists', async () => {
    const last = runAdmin('revoke', 'ada@example.com');
    expect(last.status).toBe(1);
    expect(last.stderr).toMatch(/last admin/);
    expect((await inspect('ada@example.com')).isAdmin).toBe(true);

    expect(runAdmin('grant', 'bob@example.com').status).toBe(0);
    const revoked = runAdmin('revoke', 'ada@example.com');
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/ada@example\.com is no longer an admin/);
    const ada = await inspect('ada@example.com');
    expect(ada.isAdmin).toBe(false);
    expect(ada.events).toContainEqual({ event: 'admin_revoked', by: 'command_line' });
  }, 120_000);

  it('exits non-zero with a message for an unknown email or a bad command', async () => {
    const unknown = runAdmin('grant', 'nobody@example.com');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No account has the email nobody@example\.com/);
    const bad = runAdmin('promote', 'ada@example.com');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Usage: npm run admin -- grant <email> \| revoke <email>/);
    expect(runAdmin().status).toBe(1);
  }, 60_000);
});
