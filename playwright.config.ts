/**
 * End-to-end specs in Debian's Chromium (no browser download is possible here), against a
 * server started for the run on its own port and a throw-away embedded database.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3999);
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;
/** The stand-in Google and Apple (OpenID Providers on loopback; scripts/oidc-stand-in.ts). */
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_PORT + 1);
const APPLE_PORT = OIDC_PORT + 1;
// One Apple signing key for the run: the app signs its client secret with it, the stand-in checks it.
const appleKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const appleKeyFile = join(mkdtempSync(join(tmpdir(), 'workgate-e2e-apple-')), 'key.pem');
writeFileSync(appleKeyFile, appleKeyPem, { mode: 0o600 });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const generous = '100000/60';

export default defineConfig({
  testDir: './e2e',
  // Two cores: the server, Chromium and the runner share them.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: './test-results',
  projects: [
    { name: 'app', testIgnore: /signs-out-every-account/ },
    // Signing every account out would end the sessions of the specs running beside it: it runs
    // after all of them.
    { name: 'every-account', testMatch: /signs-out-every-account/, dependencies: ['app'] },
  ],
  use: {
    baseURL: E2E_ORIGIN,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `node --import tsx scripts/oidc-stand-in.ts --port ${OIDC_PORT} --redirect-base ${E2E_ORIGIN}`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command: `node --import tsx scripts/oidc-stand-in.ts --kind apple --port ${APPLE_PORT} --redirect-base ${E2E_ORIGIN} --apple-key-in ${appleKeyFile}`,
      url: `http://127.0.0.1:${APPLE_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // The seed makes the admin account through the command line's code path before the server
      // starts (the embedded database cannot be opened by two processes at once).
      command:
        'npm run build --silent && node --import tsx scripts/e2e-seed.ts && exec node dist/server/main.js',
      url: `${E2E_ORIGIN}/readyz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        PUBLIC_URL: E2E_ORIGIN,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'workgate-e2e-')),
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SIGNUP: generous,
        RATE_LIMIT_LOGIN: generous,
        RATE_LIMIT_TOKEN: generous,
        RATE_LIMIT_RESEND: generous,
        RATE_LIMIT_FORGOT: generous,
        RATE_LIMIT_VERIFY: generous,
        RATE_LIMIT_RESET: generous,
        // Every login page asks for passkey autofill options as it opens.
        RATE_LIMIT_PASSKEY_OPTIONS: generous,
        RATE_LIMIT_SUPPORT: generous,
        RATE_LIMIT_PROVIDER: generous,
        GOOGLE_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        GOOGLE_CLIENT_ID: 'workgate-dev',
        GOOGLE_CLIENT_SECRET: 'workgate-dev-secret',
        APPLE_ISSUER: `http://127.0.0.1:${APPLE_PORT}`,
        APPLE_CLIENT_ID: 'com.workgate.dev.web',
        APPLE_TEAM_ID: 'WORKGATE01',
        APPLE_KEY_ID: 'STANDIN001',
        APPLE_PRIVATE_KEY: appleKeyPem,
    },
    },
  ],
});
