/**
 * The job queue (platform/jobs) on both database forms: a job sent in a transaction exists
 * only if it commits; a failing job is retried after its delay without failing the others
 * fetched with it; a job for a queue nobody defined is refused, not silently dropped.
 * Crash and multi-instance behaviour: tests/process/job-durability.test.ts.
 */
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/platform/db.js';
import { createJobQueue, type JobQueue, type QueueOptions } from '../../src/server/platform/jobs/index.js';
import { until } from '../helpers/server-process.js';
import { createTestDatabase } from '../helpers/test-database.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const QUICK: QueueOptions = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30, batchSize: 5 };

async function queueOn(): Promise<{ handle: DatabaseHandle; jobs: JobQueue }> {
  const created = await createTestDatabase();
  const jobs = createJobQueue(created.handle, pino({ level: 'silent' }));
  closers.push(async () => {
    await jobs.stop();
    await created.handle.close();
    await created.drop();
  });
  return { handle: created.handle, jobs };
}

it('runs a job sent in a committed transaction once, and never one whose transaction rolled back', async () => {
  const { handle, jobs } = await queueOn();
  const ran: string[] = [];
  jobs.define<{ what: string }>('test.record', QUICK, async (job) => void ran.push(job.data.what));
  await jobs.start();

  await handle.db.transaction(async (tx) => {
    await jobs.send('test.record', { what: 'committed' }, { tx });
  });
  await handle.db
    .transaction(async (tx) => {
      await jobs.send('test.record', { what: 'rolled back' }, { tx });
      throw new Error('the change failed');
    })
    .catch(() => {});
  await jobs.send('test.record', { what: 'outside a transaction' });
  await jobs.drain('test.record');
  expect(ran.sort()).toEqual(['committed', 'outside a transaction']);
});

it('retries a failing job after its delay, and the jobs fetched with it still succeed once', async () => {
  const queue = await queueOn();
  const { jobs } = queue;
  const attempts = new Map<number, number>();
  jobs.define<{ n: number }>('test.flaky', QUICK, async (job) => {
    const tries = (attempts.get(job.data.n) ?? 0) + 1;
    attempts.set(job.data.n, tries);
    if (job.data.n === 2 && tries === 1) throw new Error('refused once');
  });
  await jobs.start();
  const { handle } = queue;
  // Committed together, so the worker fetches them as one batch.
  await handle.db.transaction(async (tx) => {
    for (const n of [1, 2, 3]) await jobs.send('test.flaky', { n }, { tx });
  });
  const sentAt = Date.now();

  // drain() does not wait for a retry that is not due yet.
  await jobs.drain('test.flaky');
  expect([...attempts.entries()].sort()).toEqual([[1, 1], [2, 1], [3, 1]]);
  await until(() => attempts.get(2) === 2, 15_000, 'the retry');
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1000);
  await jobs.drain('test.flaky');
  expect([...attempts.entries()].sort()).toEqual([[1, 1], [2, 2], [3, 1]]);
});

it('runs a delayed job only once its time has come', async () => {
  const { jobs } = await queueOn();
  const ranAt: number[] = [];
  jobs.define('test.later', QUICK, async () => void ranAt.push(Date.now()));
  await jobs.start();
  const notBefore = Date.now() + 2000;
  await jobs.send('test.later', {}, { startAfter: new Date(notBefore) });
  await jobs.drain('test.later');
  expect(ranAt).toEqual([]);
  await until(() => ranAt.length === 1, 15_000, 'the delayed job');
  expect(ranAt[0]).toBeGreaterThanOrEqual(notBefore);
});

it('refuses a job for a queue nobody defined, which pg-boss would drop without a word', async () => {
  const { jobs } = await queueOn();
  await jobs.start();
  await expect(jobs.send('test.nobody', {})).rejects.toThrow(/not defined/);
});
