/** Durable jobs: the public surface (see docs/events-and-jobs.md). */
export { createJobQueue, type Job, type JobQueue, type QueueOptions, type SendOptions } from './job-queue.js';
