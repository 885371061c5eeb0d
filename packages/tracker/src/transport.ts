import type { CheckoutEvent } from '@kasa/core';
import type { TrackerResponse } from './types.ts';

/**
 * Largest body sent: keep-alive fetches and beacons share a 64 kB budget in browsers.
 *
 * @example chunk(events, 20, MAX_BODY);
 */
export const MAX_BODY = 64_000;
/** Room left in every body for `,"dropped":n`. */
const RESERVE = 32;

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/**
 * Events to send together, with their JSON already made.
 *
 * @example const c: Chunk = { events: [event], json: [JSON.stringify(event)] };
 */
export interface Chunk {
  events: CheckoutEvent[];
  json: string[];
}

/**
 * Splits events into chunks of at most `batchSize` events whose body stays within `maxBytes`.
 * An event too big to fit any body on its own is returned in `tooBig` (to be dropped and counted).
 *
 * @example chunk(events, 20).chunks.length; // 3 for 45 small events
 */
export function chunk(events: CheckoutEvent[], batchSize: number, maxBytes = MAX_BODY) {
  const chunks: Chunk[] = [];
  const tooBig: CheckoutEvent[] = [];
  const limit = maxBytes - RESERVE - '{"events":[]}'.length;
  let current: Chunk = { events: [], json: [] };
  let size = 0;
  for (const event of events) {
    const json = JSON.stringify(event);
    const n = bytes(json) + 1;
    if (n > limit) {
      tooBig.push(event);
      continue;
    }
    if (current.events.length >= batchSize || size + n > limit) {
      chunks.push(current);
      current = { events: [], json: [] };
      size = 0;
    }
    current.events.push(event);
    current.json.push(json);
    size += n;
  }
  if (current.events.length) chunks.push(current);
  return { chunks, tooBig };
}

/**
 * The body of a batch: `{"events":[...],"dropped":n}`, with `dropped` only when above zero.
 *
 * @example body(chunk(events, 20).chunks[0], 2);
 */
export const body = (c: Chunk, dropped: number): string =>
  `{"events":[${c.json.join(',')}]${dropped > 0 ? `,"dropped":${dropped}` : ''}}`;

/**
 * What became of one POST: delivered, worth retrying (not before `after` ms), or refused.
 *
 * @example const o: Outcome = { kind: 'retry', after: 7000 }; // 429 with Retry-After: 7
 */
export type Outcome = { kind: 'ok' } | { kind: 'retry'; after: number } | { kind: 'refused'; status: number };

const retryAfter = (header: string | null, now: number): number => {
  if (!header) return 0;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3_600_000) : 0;
};

/**
 * POSTs one body as `text/plain` JSON (a CORS-safelisted type: no preflight) with `keepalive`.
 * Network errors, 5xx and 429 are worth a retry (honouring Retry-After); other 4xx are not.
 *
 * @example await post(fetch, 'https://kasa.example/api/collect', '{"events":[]}', Date.now());
 */
export async function post(
  fetcher: (url: string, init: RequestInit) => Promise<TrackerResponse>,
  url: string,
  data: string,
  now: number,
): Promise<Outcome> {
  let res: TrackerResponse;
  try {
    res = await fetcher(url, {
      method: 'POST',
      body: data,
      keepalive: true,
      credentials: 'omit',
      headers: { 'content-type': 'text/plain' },
    });
  } catch {
    return { kind: 'retry', after: 0 };
  }
  if (res.ok) return { kind: 'ok' };
  if (res.status === 429 || res.status >= 500) {
    return { kind: 'retry', after: retryAfter(res.headers?.get('retry-after') ?? null, now) };
  }
  return { kind: 'refused', status: res.status };
}

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 60 s, each scaled by 0.5–1.
 *
 * @example backoff(2, Math.random); // between 2000 and 4000
 */
export const backoff = (attempt: number, random: () => number): number =>
  Math.min(60_000, 1000 * 2 ** attempt) * (0.5 + random() / 2);
