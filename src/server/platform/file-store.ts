/**
 * The storage adapter for uploaded files, in two forms like mail: a folder on disk (under
 * DATA_DIR by default) and an S3-compatible bucket when S3_* is configured. Keys are made by
 * the files module from row ids ("<uuid>/<variant>"), never from what a person typed; the
 * disk form still refuses any other shape, so no key can leave its folder.
 */
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileStorageConfig } from '../config.js';

export interface FileStore {
  kind: 'disk' | 's3';
  /** Writes the bytes under `key`, replacing what was there. */
  put(key: string, bytes: Uint8Array, type: string): Promise<void>;
  /** The bytes under `key`, or undefined when nothing is stored there. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the keys; keys that hold nothing are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  close(): void;
}

const KEY = /^[0-9a-f-]{36}\/[a-z0-9_]{1,32}$/;

function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`refused storage key ${JSON.stringify(key)}`);
}

/** Files in a folder; a write lands in a temporary name first, so a reader never sees half a file. */
export function createDiskFileStore(dir: string): FileStore {
  const pathOf = (key: string) => {
    assertKey(key);
    return join(dir, key);
  };
  return {
    kind: 'disk',
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
    close() {},
  };
}

/**
 * Objects in an S3-compatible bucket. The SDK is loaded on first use, so a deployment that
 * keeps files on disk never loads it.
 */
export function createS3FileStore(config: Extract<FileStorageConfig, { kind: 's3' }>): FileStore {
  const sdk = import('@aws-sdk/client-s3');
  const client = sdk.then(
    ({ S3Client }) =>
      new S3Client({
        endpoint: config.endpoint.toString(),
        region: config.region,
        forcePathStyle: config.forcePathStyle,
        credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        // Checksums only where S3 demands them: several S3-compatible servers refuse the newer
        // default (CRC32 trailers), and every body here is a buffer of known length.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
  );
  // Only the adapter's own calls observe a failed load; an unused store must not crash the process.
  client.catch(() => {});
  const Bucket = config.bucket;
  return {
    kind: 's3',
    async put(key, bytes, type) {
      assertKey(key);
      const { PutObjectCommand } = await sdk;
      await (await client).send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: type }));
    },
    async get(key) {
      assertKey(key);
      const { GetObjectCommand } = await sdk;
      try {
        const answer = await (await client).send(new GetObjectCommand({ Bucket, Key: key }));
        return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : undefined;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async delete(keys) {
      keys.forEach(assertKey);
      const { DeleteObjectCommand } = await sdk;
      const s3 = await client;
      // One request per key: DeleteObjects needs a Content-MD5 that not every S3-compatible server takes.
      await Promise.all(keys.map((Key) => s3.send(new DeleteObjectCommand({ Bucket, Key }))));
    },
    close() {
      client.then((s3) => s3.destroy(), () => {});
    },
  };
}

/** The store the configuration names. */
export function createFileStore(config: FileStorageConfig): FileStore {
  return config.kind === 's3' ? createS3FileStore(config) : createDiskFileStore(config.dir);
}
