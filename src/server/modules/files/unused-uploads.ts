/**
 * Uploads nobody attached: a portfolio image chosen and then abandoned, a photo replaced, an
 * image removed from its item. Every hour, those a day old or more are deleted with their
 * bytes. The day leaves an app that uploads first and attaches later plenty of time.
 *
 * Only purposes whose module reports what it shows (profiles, through showOnlyFiles) are swept;
 * a module that adds a purpose adds it here once it does the same.
 */
import type { FilePurpose } from '../../../shared/files-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { sweepUnusedFiles } from './files.service.js';

export const UNUSED_UPLOADS_JOB = 'files.sweep-unused-uploads';
const SWEPT_PURPOSES: readonly FilePurpose[] = ['avatar', 'portfolio'];
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export function scheduleUnusedUploadsSweep(deps: Pick<Deps, 'db' | 'fileStore' | 'jobs' | 'clock' | 'log'>): Promise<void> {
  deps.jobs.define(UNUSED_UPLOADS_JOB, { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 600 }, async () => {
    const cutoff = new Date(deps.clock.now().getTime() - KEPT_FOR_MS);
    let removed = 0;
    for (;;) {
      const batch = await sweepUnusedFiles(deps, SWEPT_PURPOSES, cutoff, BATCH);
      removed += batch;
      if (batch < BATCH) break;
    }
    if (removed > 0) deps.log.info({ removed }, 'unused uploads removed');
  });
  return deps.jobs.schedule(UNUSED_UPLOADS_JOB, '23 * * * *');
}
