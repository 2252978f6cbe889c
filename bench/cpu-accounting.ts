/**
 * Where a load's CPU time went, read from /proc (Linux only): the server's main thread (the
 * event loop), its other threads (argon2id runs on libuv's pool), PostgreSQL's processes, and
 * the load generator in this process. Elsewhere the figures are absent, not guessed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

// USER_HZ: /proc counts CPU time in ticks of 10 ms on Linux's usual builds.
const MS_PER_TICK = 10;

export interface CpuTimes {
  serverMain: number;
  serverOther: number;
  postgres: number;
  loadGenerator: number;
}

/** user + system time of a /proc stat line, in ms. */
function statMs(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

function safely(read: () => number): number {
  try {
    return read();
  } catch {
    return 0; // the process or thread ended between listing and reading
  }
}

/** user + system time of the children a process has reaped (cutime + cstime), in ms. */
function reapedChildrenMs(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * MS_PER_TICK;
}

// Every postgres process, plus what the postmaster's reaped children (backends that ended
// during the load) had spent.
function postgresMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    total += safely(() =>
      readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')
        ? statMs(`/proc/${pid}/stat`) + reapedChildrenMs(`/proc/${pid}/stat`)
        : 0,
    );
  }
  return total;
}

export function cpuTimes(serverPid: number): CpuTimes | undefined {
  if (!existsSync(`/proc/${serverPid}/task`)) return undefined;
  let serverMain = 0;
  let serverOther = 0;
  for (const tid of readdirSync(`/proc/${serverPid}/task`)) {
    const ms = safely(() => statMs(`/proc/${serverPid}/task/${tid}/stat`));
    if (tid === String(serverPid)) serverMain += ms;
    else serverOther += ms;
  }
  const own = process.cpuUsage();
  return { serverMain, serverOther, postgres: postgresMs(), loadGenerator: (own.user + own.system) / 1000 };
}

/** The CPU time each request cost, in ms, between two readings. */
export function perRequest(before: CpuTimes | undefined, after: CpuTimes | undefined, requests: number): CpuTimes | undefined {
  if (!before || !after || requests === 0) return undefined;
  const each = (key: keyof CpuTimes) => (after[key] - before[key]) / requests;
  return {
    serverMain: each('serverMain'),
    serverOther: each('serverOther'),
    postgres: each('postgres'),
    loadGenerator: each('loadGenerator'),
  };
}
