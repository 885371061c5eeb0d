import { KasaError } from '@kasa/core';

/**
 * HTTP to the shop: a timeout on every try, retries with exponential backoff and full jitter, and
 * `Retry-After` honoured. A call is retried blindly only when repeating it cannot do the work twice
 * (`safe`: reads, or writes the caller made idempotent). For other writes a lost answer is reported
 * as {@link AmbiguousOutcome}, so the caller looks the result up before it writes again.
 */

export interface HttpCall {
  /** Names the call in errors and logs, e.g. `POST /api/customers`. */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** True when repeating the call cannot do the work twice. */
  readonly safe: boolean;
  /**
   * For a write that failed with 5xx: true when the body shows the shop handled the request and
   * refused it (its own error document), so the answer is final rather than ambiguous.
   */
  readonly isRefusal?: (reply: HttpReply) => boolean;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** One try that reached the network, as `onCall` reports it. */
export interface CallRecord {
  readonly operation: string;
  readonly status: number | 'network-error';
}

export interface HttpOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxRetryAfterMs: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Called once per try that reached the network. */
  readonly onCall?: (call: CallRecord) => void;
}

/**
 * A write whose outcome is unknown: the connection broke, the call timed out or the shop failed
 * (5xx) after the request was sent. The shop may or may not have done the work.
 */
export class AmbiguousOutcome extends Error {
  readonly operation: string;
  readonly status: number | undefined;
  /** The body of a 5xx answer, when there was one. */
  readonly body: string | undefined;
  constructor(
    operation: string,
    status: number | undefined,
    options: { cause?: unknown; body?: string } = {},
  ) {
    super(`${operation}: the outcome is unknown (${status === undefined ? 'no answer' : `HTTP ${status}`})`, {
      cause: options.cause,
    });
    this.name = 'AmbiguousOutcome';
    this.operation = operation;
    this.status = status;
    this.body = options.body;
  }
}

/** Statuses after which the shop (or its proxy) did not do the work and asks to come back later. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter backoff: a random wait between 0 and min(max, base × 2^attempt). */
export function backoffMs(attempt: number, options: HttpOptions, random: () => number): number {
  const ceiling = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when the request never reached the shop, so even a write may be repeated. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

export type Http = (call: HttpCall) => Promise<HttpReply>;

/**
 * Creates the transport. Answers every status except those it retries; the caller maps 4xx.
 * Throws KasaError('platform_unavailable') when retries run out, AmbiguousOutcome for an unsafe
 * call whose answer was lost.
 */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  return async function send(call: HttpCall): Promise<HttpReply> {
    let lastProblem = 'no answer';
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries;
      let reply: HttpReply;
      try {
        const response = await doFetch(call.url, {
          method: call.method,
          ...(call.headers ? { headers: call.headers } : {}),
          ...(call.body === undefined ? {} : { body: call.body }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        reply = { status: response.status, headers: response.headers, text: await response.text() };
      } catch (error) {
        options.onCall?.({ operation: call.operation, status: 'network-error' });
        const timedOut = (error as Error)?.name === 'TimeoutError';
        lastProblem = timedOut ? `no answer within ${options.timeoutMs} ms` : 'connection failed';
        if (!call.safe && !neverSent(error))
          throw new AmbiguousOutcome(call.operation, undefined, { cause: error });
        if (last) throw unavailable(call, lastProblem, attempt + 1, error);
        await sleep(backoffMs(attempt, options, random));
        continue;
      }
      options.onCall?.({ operation: call.operation, status: reply.status });
      if (reply.status >= 500 && !call.safe && call.isRefusal?.(reply)) return reply;

      if (reply.status === 429 || RETRY_STATUSES.has(reply.status) || (reply.status >= 500 && call.safe)) {
        lastProblem = `HTTP ${reply.status}`;
        // 429 and 503 mean "not done, come back later"; other 5xx on a write may hide done work.
        const notDone = reply.status === 429 || reply.status === 503;
        if (!call.safe && !notDone)
          throw new AmbiguousOutcome(call.operation, reply.status, { body: reply.text });
        const wait = retryAfterMs(reply.headers.get('retry-after'));
        if (wait !== undefined && wait > options.maxRetryAfterMs) {
          throw unavailable(call, `${lastProblem}, Retry-After ${Math.ceil(wait / 1000)} s`, attempt + 1);
        }
        if (last) throw unavailable(call, lastProblem, attempt + 1);
        await sleep(Math.max(wait ?? 0, backoffMs(attempt, options, random)));
        continue;
      }
      if (reply.status >= 500 && !call.safe) {
        throw new AmbiguousOutcome(call.operation, reply.status, { body: reply.text });
      }
      return reply;
    }
  };
}

function unavailable(call: HttpCall, problem: string, attempts: number, cause?: unknown): KasaError {
  return new KasaError('platform_unavailable', {
    cause,
    details: { platform: 'prestashop', operation: call.operation, attempts, problem },
  });
}
