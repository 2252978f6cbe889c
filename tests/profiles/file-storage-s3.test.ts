/**
 * The storage adapter's S3 form, against a local S3-compatible server (s3rver, from npm)
 * started by the test: uploads land in the bucket, not on disk, and read back through the API.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { testJpeg, upload } from './upload-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'workgate-s3-'));
const BUCKET = 'workgate-files';
let server: S3rver;
let s3: S3Client;
let t: TestApp;
let env: Record<string, string>;

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(work, 's3') });
  const { port } = await server.run();
  env = {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  s3 = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  t = await createTestApp({ env: { ...env, DATA_DIR: join(work, 'data') } });
});

afterAll(async () => {
  await t?.close();
  s3?.destroy();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('files in an S3-compatible bucket', () => {
  it('stores the re-encoded renditions in the bucket and serves them back to the owner', async () => {
    const cookie = await t.signIn(await t.createUser());
    const response = await upload(t, '/api/v1/files?purpose=avatar', cookie, await testJpeg(640, 480), { filename: 'me.jpg' });
    expect(response.statusCode).toBe(201);
    const file = response.json();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${file.id}/` }));
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([`${file.id}/main`, `${file.id}/thumb`]);
    expect(existsSync(join(work, 'data', 'files'))).toBe(false);
    const served = await t.request('GET', file.url, { cookie });
    expect(served.statusCode).toBe(200);
    expect((await sharp(served.rawPayload).metadata()).width).toBe(400);
  });

  it('refuses to start with half an S3 configuration, naming what is missing', () => {
    expect(() => loadConfig({ S3_ENDPOINT: env.S3_ENDPOINT!, S3_BUCKET: BUCKET })).toThrow(/S3_ACCESS_KEY_ID.*\n.*S3_SECRET_ACCESS_KEY/);
  });
});
