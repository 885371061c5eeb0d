import { KasaError } from '@kasa/core';
import type { Answer, NetworkAnswer } from './answer.ts';

/**
 * `not-done`: the platform provably did not run the call (429, refused connection); trying again is
 * harmless. `unknown`: a timeout, a reset or a 5xx after the request left; the platform may have run
 * it, so look before trying a non-idempotent call again.
 */
export type Outcome = 'not-done' | 'unknown';

/**
 * A platform call that got no usable answer: KasaError('platform_unavailable') with `details`
 * `{ platform, operation, outcome, attempts, status | error, problem }`. `lastAnswer` is the last try's answer
 * (its body may hold personal data: it is not enumerable, so it stays out of logs and JSON).
 *
 * @example
 * try { await callPlatform(settings, { ...call, idempotent: false }, send); }
 * catch (error) { if (isUnknownOutcome(error)) await lookUpBeforeRetrying(); else throw error; }
 */
export class PlatformCallError extends KasaError {
  readonly outcome: Outcome;
  readonly #last: Answer<unknown>;

  constructor(
    platform: string,
    operation: string,
    outcome: Outcome,
    last: Answer<unknown>,
    attempts: number,
    /** For the merchant: `HTTP 502`, `no answer within 10000 ms`, `HTTP 429, Retry-After 60 s`. */
    problem?: string,
  ) {
    super('platform_unavailable', {
      details: {
        platform,
        operation,
        outcome,
        attempts,
        ...(last.kind === 'http' ? { status: last.status } : { error: last.message }),
        problem: problem ?? (last.kind === 'http' ? `HTTP ${last.status}` : last.message),
      },
    });
    this.outcome = outcome;
    this.#last = last;
  }

  /** The last try's answer, e.g. to read a 500's body. */
  get lastAnswer(): Answer<unknown> {
    return this.#last;
  }
}

/**
 * True for a non-idempotent call whose outcome is unknown: the caller must look before trying again.
 *
 * @example if (isUnknownOutcome(error)) { const found = await findOrder(checkoutId); … }
 */
export const isUnknownOutcome = (error: unknown): error is PlatformCallError =>
  error instanceof PlatformCallError && error.outcome === 'unknown';

/** Socket errors raised before the request left the machine. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The network answer for an error a send function threw: fetch's (`TypeError` with a `cause.code`),
 * axios' (`code`) or an abort. `timedOut` is true when the caller's own timer fired.
 *
 * @example networkAnswerOf(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), false);
 * // { kind: 'network', timeout: false, message: 'ECONNRESET', neverSent: false }
 */
export function networkAnswerOf(error: unknown, timedOut: boolean): NetworkAnswer {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const code =
    typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  const timeout =
    timedOut ||
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    (code !== undefined && TIMEOUT_CODES.has(code));
  const message = timeout
    ? 'timeout'
    : (code ?? (typeof e?.message === 'string' ? e.message : String(error)));
  return {
    kind: 'network',
    timeout,
    message,
    neverSent: !timeout && code !== undefined && NEVER_SENT.has(code),
  };
}
