/**
 * The admin role from the command line (the only way to make the first admin):
 *   npm run admin -- grant <email>
 *   npm run admin -- revoke <email>
 * Opens the platform the server would open (same environment: DATA_DIR or DATABASE_URL),
 * sets the role, records it in the audit log as done by 'command_line', and exits 0; an unknown
 * email, a bad command or removing the last admin exit 1 with a message.
 */
import { ConfigError, loadConfig } from '../src/server/config.js';
import { AppError } from '../src/server/http/errors.js';
import { setAdminRole } from '../src/server/modules/admin/admin.service.js';
import { createPlatform } from '../src/server/platform/platform.js';

const USAGE = 'Usage: npm run admin -- grant <email> | revoke <email>';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const [command, email, ...rest] = process.argv.slice(2);
  if ((command !== 'grant' && command !== 'revoke') || !email || rest.length > 0) fail(USAGE);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const platform = await createPlatform(config);
  const normalized = email.trim().toLowerCase();
  let outcome: { ok: true; message: string } | { ok: false; message: string };
  try {
    const user = await setAdminRole(
      platform,
      { target: { email: normalized }, grant: command === 'grant', actor: { commandLine: true } },
      { ip: '127.0.0.1', userAgent: 'workgate-admin-cli' },
    );
    outcome = {
      ok: true,
      message:
        command === 'grant'
          ? `${user.email} is now an admin. They need a second factor or passkey before the admin console opens.`
          : `${user.email} is no longer an admin.`,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'not_found') outcome = { ok: false, message: `No account has the email ${normalized}.` };
    else if (error.code === 'last_admin') outcome = { ok: false, message: `${normalized} is the last admin; grant another admin first.` };
    else throw error;
  } finally {
    // Close before exiting, so the embedded database is flushed and its lock released.
    await platform.close();
  }
  if (!outcome.ok) fail(outcome.message);
  process.stdout.write(`${outcome.message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`admin command failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
