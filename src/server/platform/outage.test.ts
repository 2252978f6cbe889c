import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createOutageLog, DependencyUnavailableError, findUnavailableDependency } from './outage.js';
import { isDatabaseUnavailable } from './pg-pool.js';

function capture() {
  const lines: { level: number; msg: string; cause?: string; failedCalls?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('outage log', () => {
  it('writes one line when an outage begins and one when it ends, however many calls fail', () => {
    const { log, lines } = capture();
    const outage = createOutageLog('database', log);
    outage.succeeded();
    for (let i = 0; i < 50; i++) outage.failed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    outage.succeeded();
    outage.succeeded();
    expect(lines.map((l) => l.msg)).toEqual(['database unavailable; answering 503 until it is back', 'database available again']);
    expect(lines[0]!.cause).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432');
    expect(lines[1]!.failedCalls).toBe(50);
  });

  it('finds the outage under the wrappers of a query error', () => {
    const unavailable = new DependencyUnavailableError('database', new Error('Connection terminated unexpectedly'));
    const wrapped = new Error('Failed query: select 1\nparams: ', { cause: unavailable });
    expect(findUnavailableDependency(wrapped)).toBe(unavailable);
    expect(findUnavailableDependency(new Error('duplicate key', { cause: new Error('x') }))).toBeUndefined();
  });
});

describe('which PostgreSQL errors mean the database is unavailable', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it('counts lost and refused connections, a server stopping or starting, and timeouts', () => {
    for (const error of [
      pgError('ECONNREFUSED'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      pgError('57014', 'canceling statement due to statement timeout'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
    }
  });
  it('does not count errors of the statement itself', () => {
    for (const error of [pgError('23505', 'duplicate key value'), pgError('42P01', 'relation does not exist'), new TypeError('x')]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
