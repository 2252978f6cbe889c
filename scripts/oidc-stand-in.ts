/**
 * Runs a stand-in Google (or Apple) OpenID Provider for local development and the Playwright
 * run, so "Sign in with Google" works without Google: type any email and password into its form.
 *
 *   tsx scripts/oidc-stand-in.ts --port 4100 --redirect-base http://localhost:3999 [--kind apple [--apple-key-in key.pem]]
 *
 * Prints the environment lines the app needs, then serves until SIGTERM/SIGINT. The email typed
 * decides the person (see tests/helpers/oidc-stand-in.ts): unverified.x@y is unverified,
 * x+mfa@y signed in with MFA.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeAppleKey, startStandIn, type StandInOptions } from '../tests/helpers/oidc-stand-in.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    'redirect-base': { type: 'string', default: 'http://localhost:3999' },
    kind: { type: 'string', default: 'google' },
    // Apple only: where to write the generated private key (PEM), since it spans several lines.
    'apple-key-file': { type: 'string' },
    // Apple only: use this private key (PEM) instead of making one, e.g. one the app is given too.
    'apple-key-in': { type: 'string' },
  },
});

const kind = values.kind;
if (kind !== 'google' && kind !== 'apple') {
  console.error(`--kind must be google or apple, not ${kind}`);
  process.exit(2);
}
const port = Number(values.port);
const redirectBase = values['redirect-base'].replace(/\/+$/, '');
const clientId = kind === 'google' ? 'workgate-dev' : 'com.workgate.dev.web';
const client = { clientId, redirectUris: [`${redirectBase}/api/v1/auth/oidc/${kind}/callback`] };

const env: string[] = [];
let options: StandInOptions;
if (kind === 'google') {
  options = { kind, port, clients: [{ ...client, clientSecret: 'workgate-dev-secret' }] };
} else {
  const apple = { teamId: 'WORKGATE01', keyId: 'STANDIN001' };
  const keyIn = values['apple-key-in'];
  const key = keyIn
    ? { privateKeyPem: readFileSync(keyIn, 'utf8'), publicKey: createPublicKey(readFileSync(keyIn, 'utf8')) }
    : await makeAppleKey();
  options = { kind, port, clients: [client], apple: { ...apple, publicKey: key.publicKey } };
  const keyFile = values['apple-key-file'];
  if (keyFile) writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 });
  env.push(
    `APPLE_TEAM_ID=${apple.teamId}`,
    `APPLE_KEY_ID=${apple.keyId}`,
    // One line, so the output can be sourced or pasted into .env; the app should turn \n back into newlines.
    keyFile ? `# APPLE_PRIVATE_KEY: the PEM in ${keyFile}` : `APPLE_PRIVATE_KEY="${key.privateKeyPem.trim().replaceAll('\n', '\\n')}"`,
  );
}

const standIn = await startStandIn(options);
const prefix = kind.toUpperCase();
console.log(
  [
    `${prefix}_ISSUER=${standIn.issuer}`,
    `${prefix}_CLIENT_ID=${clientId}`,
    ...(kind === 'google' ? [`${prefix}_CLIENT_SECRET=workgate-dev-secret`] : []),
    ...env,
  ].join('\n'),
);

let closing = false;
const shutDown = async () => {
  if (closing) return;
  closing = true;
  await standIn.close();
  process.exit(0);
};
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
