/**
 * A stand-in for Have I Been Pwned's Pwned Passwords range API on loopback
 * (GET /range/{first 5 hex digits of SHA-1}), answering as the real one does: one
 * "SUFFIX:COUNT" line per known hash, CRLF between lines, and padding lines of count 0 when
 * the request asks for them. It records what it was asked, and can be made slow or broken.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PwnedPasswordsStandIn {
  /** Base URL to put in PASSWORD_BREACH_API_URL. */
  url: string;
  /** Requests received so far. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** 'ok' answers; 'slow' holds the answer for `slowMs`; 'error' answers 503. */
  mode: 'ok' | 'slow' | 'error';
  slowMs: number;
  close(): Promise<void>;
}

const sha1 = (value: string) => createHash('sha1').update(value, 'utf8').digest('hex').toUpperCase();

/** Serves the given breached passwords (each seen `count` times). */
export async function startPwnedPasswordsStandIn(breached: Record<string, number>): Promise<PwnedPasswordsStandIn> {
  const hashes = Object.entries(breached).map(([password, count]) => ({ hash: sha1(password), count }));
  const standIn: PwnedPasswordsStandIn = { url: '', requests: [], mode: 'ok', slowMs: 2000, close: async () => {} };
  const server = createServer((request, response) => {
    standIn.requests.push({ path: request.url ?? '', headers: request.headers });
    const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '')?.[1];
    if (!prefix) return void response.writeHead(400).end();
    if (standIn.mode === 'error') return void response.writeHead(503).end('unavailable');
    const lines = hashes.filter((h) => h.hash.startsWith(prefix)).map((h) => `${h.hash.slice(5)}:${h.count}`);
    if (request.headers['add-padding'] === 'true') {
      for (let i = 0; i < 50; i++) lines.push(`${sha1(`padding ${prefix} ${i}`).slice(5)}:0`);
    }
    const answer = () => response.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
    if (standIn.mode === 'slow') setTimeout(answer, standIn.slowMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standIn;
}
