import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, all its threads: steadier than requests
 * per second on a shared machine. Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second).
 */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The most resident memory the process has had, in MiB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}
