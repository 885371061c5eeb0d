/**
 * Sends events to a running Kasa's POST /api/collect the way the tracker does: only what a browser
 * may send (purchases and payment outcomes are the server's to record), batches of at most 100
 * events and 60 kB, a 429 answered by waiting for its Retry-After, network errors and 5xx retried
 * with a growing pause (the event ids make a repeated batch count once).
 */
import { type CheckoutEvent, isServerEvent } from '@kasa/core';

const MAX_BATCH_EVENTS = 100;
/** Below the collector's 64 KiB body limit. */
export const MAX_BATCH_BYTES = 60_000;
const MAX_TRIES = 6;

export interface CollectClientOptions {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, e.g. to print "rate limited, waiting 12 s". */
  readonly onWait?: (ms: number, reason: string) => void;
}

/** Splits events into request bodies within both limits. */
export function collectBodies(events: readonly CheckoutEvent[]): string[] {
  const bodies: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length) bodies.push(`{"events":[${batch.join(',')}]}`);
    batch = [];
    bytes = 0;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + 1;
    if (batch.length === MAX_BATCH_EVENTS || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES - 20))
      flush();
    batch.push(json);
    bytes += size;
  }
  flush();
  return bodies;
}

/** What one `append` did: stored and duplicate events as the collector counted them, and what it did not take. */
export interface CollectResult {
  readonly stored: number;
  readonly duplicates: number;
  /** Events the collector refused (it names each in its answer). */
  readonly rejected: number;
  /** Purchases and payment outcomes, left unsent: only the server records them. */
  readonly serverOnly: number;
}

/** Retry-After in seconds (or an HTTP date) as milliseconds; a second when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1_000 : Math.max(0, date - now);
}

/**
 * An `append` that posts to `${baseUrl}/api/collect` the events a browser may send.
 *
 * @example
 * const collector = createCollectClient('http://127.0.0.1:3000');
 * await collector.append(events); // { stored: 250, duplicates: 0, rejected: 0, serverOnly: 12 }
 */
export function createCollectClient(
  baseUrl: string,
  options: CollectClientOptions = {},
): { append(events: readonly CheckoutEvent[]): Promise<CollectResult> } {
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const url = new URL('/api/collect', baseUrl).toString();

  async function post(body: string): Promise<{ stored: number; duplicates: number; rejected: number }> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      } catch (error) {
        if (attempt >= MAX_TRIES) throw new Error(`${url} did not answer: ${(error as Error).message}`);
        const wait = 500 * 2 ** (attempt - 1);
        options.onWait?.(wait, `no answer (${(error as Error).message})`);
        await sleep(wait);
        continue;
      }
      if (response.ok) {
        const answer = (await response.json()) as {
          stored?: number;
          duplicates?: number;
          rejected?: unknown[];
        };
        return {
          stored: answer.stored ?? 0,
          duplicates: answer.duplicates ?? 0,
          rejected: answer.rejected?.length ?? 0,
        };
      }
      const text = await response.text().catch(() => '');
      if (response.status === 429) {
        // Rate limits are waited out however long they last: the batch is never dropped.
        const wait = retryAfterMs(response.headers.get('retry-after'));
        options.onWait?.(wait, 'rate limited (429)');
        await sleep(wait);
        continue;
      }
      if (response.status >= 500 && attempt < MAX_TRIES) {
        const wait = 500 * 2 ** (attempt - 1);
        options.onWait?.(wait, `server error ${response.status}`);
        await sleep(wait);
        continue;
      }
      throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
    }
  }

  return {
    async append(events) {
      const browser = events.filter((event) => !isServerEvent(event.name));
      let [stored, duplicates, rejected] = [0, 0, 0];
      for (const body of collectBodies(browser)) {
        const answer = await post(body);
        stored += answer.stored;
        duplicates += answer.duplicates;
        rejected += answer.rejected;
      }
      return { stored, duplicates, rejected, serverOnly: events.length - browser.length };
    },
  };
}
