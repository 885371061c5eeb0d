import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/** Machines with this many cores or fewer scavenge on one thread. */
const FEW_CORES = 2;

/**
 * On a machine of two cores or fewer, V8 scavenges the young generation on the thread that filled
 * it alone (`--no-parallel-scavenge`), without helper threads. There the helpers only take a core
 * from the event writer, PostgreSQL and the requests in flight. They also left most processes in a
 * slow mode: parsing and validating an event took 6.3–6.8 µs instead of 4.1–4.6 in about half of
 * fresh processes, and in 7 of 8 with this setting. With it, the collector bench's server used 30.5
 * ms of CPU per 1,000 events on SQLite (33.8–37.2 ms in the runs before) and 24.9 ms on PostgreSQL
 * (28.0–28.9), on 2 cores. V8 reads the flag at every scavenge, so it takes effect in a running
 * process, its worker threads included. With more cores V8's default stays: it was not measured.
 * Called by `kasa start` before anything is served.
 *
 * @example singleThreadScavengeOnFewCores(); // true on a 2-core machine
 */
export function singleThreadScavengeOnFewCores(cores = availableParallelism()): boolean {
  if (cores > FEW_CORES) return false;
  setFlagsFromString('--no-parallel-scavenge');
  return true;
}
