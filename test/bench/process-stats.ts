import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms) a process has used so far in its own code (user) and in the kernel on its behalf
 * (system: system calls such as socket writes), all its threads. Fields 14 and 15 of
 * /proc/<pid>/stat, in clock ticks (100 a second).
 */
export function cpuSplitMs(pid: number): { readonly user: number; readonly system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** CPU time (user + system, ms) a process has used so far: steadier than requests per second on a shared machine. */
export function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/** The most resident memory the process has had, in MiB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/**
 * CPU time (ms) used so far by every process named `postgres` on this machine: the PostgreSQL
 * server and each of its backends (a backend that ends between two readings drops out of the second).
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) total += cpuMs(Number(pid));
    } catch {
      // Ended while the list was read.
    }
  }
  return total;
}

/** Milliseconds spent on `events` events, per 1,000 of them, to one decimal. */
export const msPer1kEvents = (ms: number, events: number): number => Math.round((ms / events) * 10_000) / 10;
