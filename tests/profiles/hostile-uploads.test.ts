/**
 * Uploads are hostile input. Each case below is a file an attacker would try; the answer
 * must be a refusal with a stable code, or a stored file that holds nothing but pixels.
 * OWASP ASVS 5.0: V5.2.1 (size caps per purpose), V5.2.2 (type from the magic bytes, not the
 * name or declared type), V5.2.3 and V5.2.6 (decompression bombs, pixel floods), V5.3.1 and
 * V5.3.2 (nothing stored runs; the submitted name never becomes a path), V5.4.1 (downloads
 * carry a server-made name in Content-Disposition). MARKETPLACE.md, Files.
 */
import { deflateSync } from 'node:zlib';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import contentDisposition from 'content-disposition';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { testJpeg, testPng, upload } from './upload-helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workgate-uploads-'));
let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  cookie = await t.signIn(await t.createUser());
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const avatar = (bytes: Uint8Array, options?: { filename?: string; type?: string }) => upload(t, '/api/v1/files?purpose=avatar', cookie, bytes, options);
const portfolio = (bytes: Uint8Array, options?: { filename?: string; type?: string }) =>
  upload(t, '/api/v1/files?purpose=portfolio', cookie, bytes, options);

/** A PNG whose header claims `width` × `height` pixels, with one tiny compressed row. */
function pngHeaderBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pdf(extraObjects = '', streamContent?: Buffer): Buffer {
  const head = Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n${extraObjects}`,
    'latin1',
  );
  const stream = streamContent
    ? Buffer.concat([Buffer.from(`4 0 obj << /Type /ObjStm /Filter /FlateDecode /Length ${streamContent.length} >>\nstream\n`, 'latin1'), streamContent, Buffer.from('\nendstream\nendobj\n', 'latin1')])
    : Buffer.alloc(0);
  return Buffer.concat([head, stream, Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
}

describe('what a file is comes from its bytes', () => {
  it('refuses an SVG with a script, whatever it is called or declared as', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
    for (const options of [{ filename: 'me.svg', type: 'image/svg+xml' }, { filename: 'me.png', type: 'image/png' }]) {
      const response = await avatar(svg, options);
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('unsupported_file_type');
    }
  });

  it('refuses HTML declared as a JPEG', async () => {
    const response = await avatar(Buffer.from('<!doctype html><script>alert(1)</script>'), { filename: 'a.jpg', type: 'image/jpeg' });
    expect(response.json().code).toBe('unsupported_file_type');
  });

  it('refuses a GIF that is also JavaScript and HTML (a polyglot)', async () => {
    const gifar = Buffer.concat([Buffer.from('GIF89a/*', 'latin1'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from('*/=1;<script>alert(1)</script>', 'latin1')]);
    const response = await avatar(gifar, { filename: 'cat.gif', type: 'image/gif' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('file_rejected');
  });

  it('refuses a real JPEG with a web page appended, and a PNG carrying a ZIP archive', async () => {
    const html = Buffer.concat([await testJpeg(200, 200), Buffer.from('<html><body><script>fetch("/api/v1/me")</script></body></html>')]);
    expect((await avatar(html)).json().code).toBe('file_rejected');
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('evil.jsp'), Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    expect((await portfolio(Buffer.concat([await testPng(), zip]))).json().code).toBe('file_rejected');
  });

  it('refuses a PDF with JavaScript, even one hidden in a compressed object stream', async () => {
    const plain = await portfolio(pdf('5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n'));
    expect(plain.json().code).toBe('file_rejected');
    const hidden = await portfolio(pdf('', deflateSync(Buffer.from('5 0 << /S /JavaScript /JS (app.alert(1)) >>'))));
    expect(hidden.json().code).toBe('file_rejected');
  });

  it('refuses a PDF as a profile photo, and text files anywhere', async () => {
    expect((await avatar(pdf())).json().code).toBe('unsupported_file_type');
    expect((await portfolio(Buffer.from('just some notes\n'), { filename: 'notes.txt', type: 'text/plain' })).json().code).toBe('unsupported_file_type');
  });

  it('refuses an image that cannot be decoded', async () => {
    const jpeg = await testJpeg(400, 300);
    const truncated = Buffer.concat([jpeg.subarray(0, 600), Buffer.alloc(200, 0x41)]);
    const response = await avatar(truncated);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('file_rejected');
  });
});

describe('limits', () => {
  it('refuses a 50,000 × 50,000 PNG from its header, before decoding it', async () => {
    const bomb = pngHeaderBomb(50_000, 50_000);
    expect(bomb.length).toBeLessThan(2_000);
    const started = Date.now();
    const response = await portfolio(bomb, { filename: 'bomb.png', type: 'image/png' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('image_too_large');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caps sizes per purpose: 5 MB for a photo, 10 MB for a portfolio file', async () => {
    const sixMegabytes = pdf(`% ${'x'.repeat(6 * 1024 * 1024)}\n`);
    const asPhoto = await avatar(sixMegabytes);
    expect(asPhoto.statusCode).toBe(413);
    expect(asPhoto.json().code).toBe('file_too_large');
    const asPortfolio = await portfolio(sixMegabytes, { filename: 'case-study.pdf' });
    expect(asPortfolio.statusCode).toBe(201);
    const elevenMegabytes = pdf(`% ${'x'.repeat(11 * 1024 * 1024)}\n`);
    expect((await portfolio(elevenMegabytes)).json().code).toBe('file_too_large');
  });

  it('refuses a profile photo smaller than 100 × 100', async () => {
    const response = await avatar(await testPng(60, 60));
    expect(response.json().code).toBe('image_too_small');
  });

  it('answers 415 to a body that is not multipart, and 400 to an unknown purpose', async () => {
    const json = await t.request('POST', '/api/v1/files?purpose=avatar', { cookie, body: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const purpose = await upload(t, '/api/v1/files?purpose=executable', cookie, await testPng());
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json().code).toBe('validation_failed');
  });
});

describe('what is stored', () => {
  it('strips EXIF, GPS position included, and re-encodes the photo to a 400 px square and a thumbnail', async () => {
    const withGps = await testJpeg(1200, 800, {
      IFD0: { Make: 'SpyCam', Model: 'X1', Copyright: 'secret-serial-123' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2999/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4000/100' },
    });
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const response = await avatar(withGps, { filename: 'holiday.jpg', type: 'image/jpeg' });
    expect(response.statusCode).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({ type: 'image/jpeg', width: 400, height: 400, name: 'holiday.jpg' });
    const stored = await t.request('GET', file.url, { cookie });
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(400);
    expect(stored.rawPayload.includes(Buffer.from('secret-serial-123'))).toBe(false);
    const thumb = await t.request('GET', file.thumbnailUrl, { cookie });
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(96);
  });

  it('stores a name with ../, a NUL and 300 characters safely, never as a path', async () => {
    const hostile = `../../../etc/${'a'.repeat(300)}\u0000.html`;
    const response = await portfolio(await testPng(), { filename: hostile, type: 'text/html' });
    expect(response.statusCode).toBe(201);
    const { name, type } = response.json();
    expect(type).toBe('image/webp');
    expect(name).toBe(`${'a'.repeat(100)}.webp`);
    const nul = await portfolio(await testPng(), { filename: 'evil\u0000.html' });
    expect(nul.json().name).toBe('evil.html.webp');
    const traversal = await portfolio(await testPng(), { filename: '..\\..\\windows\\win.ini\u202e.png' });
    expect(traversal.json().name).toBe('win.ini.webp');
    // Only uuid-named folders exist under the store: nothing landed where a name pointed.
    for (const entry of readdirSync(join(dataDir, 'files'))) expect(entry).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves files with nosniff, a safe Content-Disposition and a sandbox; documents as attachments', async () => {
    const image = (await portfolio(await testPng(), { filename: 'résumé: final?.png' })).json();
    expect(image.name).toBe('résumé_ final_.webp');
    const shown = await t.request('GET', image.url, { cookie });
    expect(shown.headers['content-type']).toBe('image/webp');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(contentDisposition.parse(String(shown.headers['content-disposition']))).toEqual({
      type: 'inline',
      parameters: { filename: 'résumé_ final_.webp' },
    });
    expect(shown.headers['content-security-policy']).toContain('sandbox');
    const document = (await portfolio(pdf(), { filename: 'brief.pdf' })).json();
    const downloaded = await t.request('GET', document.url, { cookie });
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toBe('attachment; filename="brief.pdf"');
  });
});

describe('who may read a file', () => {
  it('answers 404 to anyone but the owner while the file is not shown anywhere, as for an id that does not exist', async () => {
    const file = (await avatar(await testPng(200, 200))).json();
    const stranger = await t.signIn(await t.createUser());
    for (const as of [{ cookie: stranger }, {}]) {
      const response = await t.request('GET', file.url, as);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    const unknown = await t.request('GET', '/api/v1/files/00000000-0000-4000-8000-000000000000', { cookie });
    expect(unknown.statusCode).toBe(404);
    expect((await t.request('GET', file.url, { cookie })).statusCode).toBe(200);
  });

  it('refuses uploads from anonymous callers', async () => {
    const response = await upload(t, '/api/v1/files?purpose=avatar', '', await testPng());
    expect(response.statusCode).toBe(401);
  });
});
