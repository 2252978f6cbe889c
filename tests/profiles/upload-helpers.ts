/** Multipart uploads and test images for the profile and file tests. */
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { ORIGIN, type TestApp } from '../helpers/test-app.js';

/** A multipart/form-data body holding one file. */
export function multipartBody(
  bytes: Uint8Array,
  options: { filename?: string; type?: string; field?: string } = {},
): { payload: Buffer; contentType: string } {
  const boundary = `----workgate${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'upload.bin'}"\r\n` +
      `Content-Type: ${options.type ?? 'application/octet-stream'}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs one file to `url` as the signed-in `cookie`. */
export function upload(
  t: TestApp,
  url: string,
  cookie: string,
  bytes: Uint8Array,
  options: { filename?: string; type?: string } = {},
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(bytes, options);
  return t.app.inject({ method: 'POST', url, headers: { cookie, origin: ORIGIN, 'content-type': contentType }, payload });
}

/** A real photo-like JPEG: a gradient with noise, so it compresses like a photo. */
export async function testJpeg(width = 800, height = 600, exif?: Record<string, Record<string, string>>): Promise<Buffer> {
  const channels = 3;
  const raw = Buffer.alloc(width * height * channels);
  for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 7 + (i % 251)) & 0xff;
  const image = sharp(raw, { raw: { width, height, channels } });
  return (exif ? image.withExif(exif) : image).jpeg({ quality: 80 }).toBuffer();
}

export async function testPng(width = 300, height = 300, alpha = false): Promise<Buffer> {
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 20, g: 120, b: 200, alpha: alpha ? 0.5 : 1 } } })
    .png()
    .toBuffer();
}
