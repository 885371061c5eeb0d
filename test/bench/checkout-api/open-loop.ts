import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OpenLoopResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * Sends requests at a steady rate whether or not earlier ones have answered (an open loop), so a
 * stalled server shows up in the tail instead of quietly lowering the rate (no coordinated
 * omission). Latency runs from the moment a request is written, so this process's own timer lag
 * (it paces with 1 ms sleeps rather than spinning a core the server needs) is not counted.
 * Bounded by `rate × durationS`.
 */
export async function openLoop(input: { url: string; rate: number; durationS: number; connections: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: input.connections });
  const total = Math.round(input.rate * input.durationS);
  const interval = 1000 / input.rate;
  const latencies = new Float64Array(total);
  let errors = 0;
  let answered = 0;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const fire = (index: number) => {
    const sentAt = performance.now();
    const req = request(input.url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) errors += 1;
        latencies[index] = performance.now() - sentAt;
        if (++answered === total) finish();
      });
    });
    req.on('error', () => {
      errors += 1;
      latencies[index] = performance.now() - sentAt;
      if (++answered === total) finish();
    });
    req.end();
  };

  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      fire(sent);
      sent += 1;
    }
    await sleep(1);
  }
  await done;
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort();
  return {
    rps: Math.round(total / elapsedS),
    p50: Number(percentile(sorted, 50).toFixed(2)),
    p99: Number(percentile(sorted, 99).toFixed(2)),
    errors,
  } satisfies OpenLoopResult;
}
