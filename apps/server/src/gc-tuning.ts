import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/** Machines with this many cores or fewer scavenge on one thread. */
const FEW_CORES = 2;

/**
 * On a machine of two cores or fewer, V8 scavenges the young generation on the thread that filled
 * it alone (`--no-parallel-scavenge`), without helper threads, which there only take a core from
 * the event writer, PostgreSQL and the requests in flight. Measured on 2 cores:
 * - parsing and validating an event took 6.3–6.8 µs instead of 4.1–4.6 in about half of fresh
 *   processes with helper threads, and in 1 of 8 without;
 * - the collector bench, SQLite: 1.25–1.44× the raw insert (median 1.27×) in five runs, against
 *   1.29–1.55× (median 1.42×) in five runs without; the machine's load drifted over both.
 * V8 reads the flag at every scavenge, so it takes effect in a running process, its worker threads
 * included. With more cores V8's default stays: it was not measured. Called by `kasa start` before
 * anything is served.
 *
 * @example singleThreadScavengeOnFewCores(); // true on a 2-core machine
 */
export function singleThreadScavengeOnFewCores(cores = availableParallelism()): boolean {
  if (cores > FEW_CORES) return false;
  setFlagsFromString('--no-parallel-scavenge');
  return true;
}
