/**
 * Prepares the end-to-end run's database before its server starts: one verified account,
 * made an admin the way an operator would, through the command line's code path
 * (setAdminRole with the 'command_line' actor). Reads the same environment as the server.
 */
import { loadConfig } from '../src/server/config.js';
import { setAdminRole } from '../src/server/modules/admin/admin.service.js';
import { signUp, verifyEmail } from '../src/server/modules/accounts/accounts.service.js';
import { createPlatform } from '../src/server/platform/platform.js';

const email = process.env.E2E_ADMIN_EMAIL ?? 'e2e-admin@example.com';
const password = process.env.E2E_ADMIN_PASSWORD ?? 'correct horse battery staple';
const context = { ip: '127.0.0.1', userAgent: 'workgate-e2e-seed' };

// A second admin for the spec that signs every account out, which runs after all others.
const lastEmail = process.env.E2E_LAST_ADMIN_EMAIL ?? 'e2e-admin-last@example.com';

const platform = await createPlatform(loadConfig());
try {
  for (const [address, name] of [[email, 'Ada Admin'], [lastEmail, 'Lin Admin']] as const) {
    await signUp(platform, { email: address, password, name, role: 'client' }, context);
    await platform.mailer.drain();
    const token = /verify-email\?token=([\w-]+)/.exec(platform.mailer.outbox().find((m) => m.to === address)?.text ?? '')?.[1];
    if (token) await verifyEmail(platform, token, context);
    await setAdminRole(platform, { target: { email: address }, grant: true, actor: { commandLine: true } }, context);
    process.stdout.write(`e2e seed: ${address} is an admin\n`);
  }
} finally {
  await platform.close();
}
