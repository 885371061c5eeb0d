import { KasaError } from '@kasa/core';
import type { Answer, HttpAnswer, Reply } from './answer.ts';
import { type CallRecord, pathWithoutQuery } from './call-record.ts';
import { networkAnswerOf, type Outcome, PlatformCallError } from './outcome.ts';
import { pauseBeforeRetry, type RetrySettings, sleep as realSleep, retryAfterMs } from './retry.ts';

/** The platform call name and whether repeating it is harmless. */
export interface CallPolicy {
  /** For errors and logs, e.g. `placeOrder: POST /checkout`. */
  readonly operation: string;
  /**
   * Whether repeating the call is harmless. A non-idempotent call is repeated only when the platform
   * provably did not run it (a 429, a refused connection); after a timeout, a reset or a 5xx its
   * outcome is unknown and the caller must look before it tries again.
   */
  readonly idempotent: boolean;
}

/** One platform call: its policy and what it sends, for records. */
export interface PlatformCall<B = unknown> extends CallPolicy {
  /** Which API of the platform, for {@link CallRecord.api}. */
  readonly api: string;
  readonly method: string;
  /** The path or URL; the query is dropped from records. */
  readonly path: string;
  /**
   * For a non-idempotent call answered 5xx: true when the body shows the platform handled the request
   * and refused it (its own error document), so the answer is final, not unknown.
   */
  readonly isRefusal?: (answer: HttpAnswer<B>) => boolean;
  /** The caller's own signal: when it aborts, the call stops with its reason, untried again. */
  readonly signal?: AbortSignal;
}

/** How a platform is called: its name, timeouts, retries and where records go. */
export interface CallSettings {
  /** The platform name for error details, e.g. `woocommerce`. */
  readonly platform: string;
  /** Per try; the send function's signal aborts then and the try counts as a timeout. */
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  /** Called once per try, answered or not. */
  readonly record?: (call: CallRecord) => void;
  /** Injectable for tests. */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Sends one HTTP exchange. Throwing a KasaError stops the call with it; any other throw is a network failure. */
export type Send<B> = (signal: AbortSignal) => Promise<Reply<B>>;

/**
 * One try: sends with a timeout (also when the send function ignores its signal), records it, and
 * returns what came back. Never throws, except a KasaError the send function threw and the
 * reason of the caller's own abort.
 *
 * @example
 * const answer = await tryOnce(settings, { api: 'rest', operation: 'doctor: GET /', method: 'GET', path: '/', idempotent: true },
 *   async (signal) => replyOf(await fetch(url, { signal })));
 */
export async function tryOnce<B>(
  settings: CallSettings,
  call: PlatformCall<B>,
  send: Send<B>,
): Promise<Answer<B>> {
  call.signal?.throwIfAborted();
  const controller = new AbortController();
  const stopped = new Promise<never>((_, reject) =>
    call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true }),
  );
  stopped.catch(() => {}); // an abort after this try ended concerns nobody
  // The caller's abort is the caller's decision, not a platform fault: it is thrown as it came.
  const onAbort = () => controller.abort(call.signal?.reason);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const reason = new DOMException('The platform call timed out', 'TimeoutError');
      controller.abort(reason);
      reject(reason);
    }, settings.timeoutMs);
  });
  const started = performance.now();
  const base = {
    api: call.api,
    operation: call.operation,
    method: call.method,
    path: pathWithoutQuery(call.path),
  };
  try {
    const reply = await Promise.race([send(controller.signal), deadline, ...(call.signal ? [stopped] : [])]);
    settings.record?.({ ...base, status: reply.status, ms: performance.now() - started });
    return { kind: 'http', status: reply.status, header: reply.header, body: reply.body };
  } catch (error) {
    if (error instanceof KasaError) throw error;
    if (call.signal?.aborted) {
      settings.record?.({ ...base, error: 'aborted', ms: performance.now() - started });
      throw call.signal.reason;
    }
    const answer = networkAnswerOf(error, timedOut);
    settings.record?.({ ...base, error: answer.message, ms: performance.now() - started });
    return answer;
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}

/** What an answer means for the retry loop. */
type Verdict = { readonly kind: 'final' } | { readonly kind: 'retry' | 'stop'; readonly outcome: Outcome };

function judge<B>(answer: Answer<B>, call: PlatformCall<B>, notDone: readonly number[]): Verdict {
  if (answer.kind === 'network') {
    if (answer.neverSent) return { kind: 'retry', outcome: 'not-done' };
    return { kind: call.idempotent ? 'retry' : 'stop', outcome: 'unknown' };
  }
  if (notDone.includes(answer.status)) return { kind: 'retry', outcome: 'not-done' };
  if (answer.status < 500) return { kind: 'final' };
  if (call.idempotent) return { kind: 'retry', outcome: 'unknown' };
  return call.isRefusal?.(answer) ? { kind: 'final' } : { kind: 'stop', outcome: 'unknown' };
}

/**
 * Calls a platform: a timeout on every try; retries with exponential backoff and full jitter for
 * answers that may be repeated (a `notDoneStatuses` status, by default 429, and a refused connection
 * always; timeouts, resets and 5xx only when the call is idempotent), waiting at least the
 * `Retry-After` asked for. Returns the final HTTP answer (2xx, 4xx, or a 5xx `isRefusal` accepts);
 * what it means is the caller's business. Throws {@link PlatformCallError}
 * (KasaError `platform_unavailable`) when the tries run out, when `Retry-After` asks for more than
 * the cap, and at once when a non-idempotent call's outcome is unknown ({@link isUnknownOutcome}).
 *
 * @example
 * const answer = await callPlatform(
 *   { platform: 'woocommerce', timeoutMs: 10_000, retry: { attempts: 3, baseDelayMs: 250, maxDelayMs: 10_000 }, record },
 *   { api: 'store', operation: 'getCart: GET /cart', method: 'GET', path: '/cart', idempotent: true },
 *   async (signal) => replyOf(await fetch(`${base}/cart`, { signal })),
 * );
 */
export async function callPlatform<B>(
  settings: CallSettings,
  call: PlatformCall<B>,
  send: Send<B>,
): Promise<HttpAnswer<B>> {
  const outcome = await retrying(settings, call, send);
  if (outcome.kind === 'answer') return outcome.answer;
  throw gaveUp(settings, call, outcome);
}

/**
 * The error for a call that gave up, with a problem the merchant can read.
 *
 * @example throw gaveUp(settings, call, result); // when result.kind === 'gave-up'
 */
export function gaveUp<B>(
  settings: CallSettings,
  call: CallPolicy,
  result: Extract<Retried<B>, { kind: 'gave-up' }>,
): PlatformCallError {
  const { answer } = result;
  const waitAsked =
    result.retryAfterMs === undefined ? '' : `, Retry-After ${Math.ceil(result.retryAfterMs / 1000)} s`;
  const problem =
    answer.kind === 'http'
      ? `HTTP ${answer.status}${waitAsked}`
      : answer.timeout
        ? `no answer within ${settings.timeoutMs} ms`
        : `connection failed (${answer.message})`;
  return new PlatformCallError(
    settings.platform,
    call.operation,
    result.outcome,
    answer,
    result.attempts,
    problem,
  );
}

/** The retry loop's result: a final answer, or the last answer when it gave up. */
export type Retried<B> =
  | { readonly kind: 'answer'; readonly answer: HttpAnswer<B> }
  | {
      readonly kind: 'gave-up';
      readonly outcome: Outcome;
      readonly answer: Answer<B>;
      readonly attempts: number;
      /** Set when the platform asked to wait longer than `maxRetryAfterMs`. */
      readonly retryAfterMs?: number;
    };

/**
 * The retry loop of {@link callPlatform}, returning instead of throwing when it gives up (for
 * wrappers such as {@link platformFetch} that hand the last answer back).
 *
 * @example const result = await retrying(settings, call, send); if (result.kind === 'gave-up') …
 */
export async function retrying<B>(
  settings: CallSettings,
  call: PlatformCall<B>,
  send: Send<B>,
): Promise<Retried<B>> {
  const wait = settings.sleep ?? realSleep;
  const notDone = settings.retry.notDoneStatuses ?? [429];
  for (let attempt = 1; ; attempt++) {
    const answer = await tryOnce(settings, call, send);
    const verdict = judge(answer, call, notDone);
    if (verdict.kind === 'final' && answer.kind === 'http') return { kind: 'answer', answer };
    const outcome = verdict.kind === 'final' ? 'unknown' : verdict.outcome;
    if (verdict.kind !== 'retry' || attempt >= settings.retry.attempts) {
      return { kind: 'gave-up', outcome, answer, attempts: attempt };
    }
    const asked =
      answer.kind === 'http'
        ? retryAfterMs(answer.header('retry-after'), settings.now?.() ?? Date.now())
        : undefined;
    const pause = pauseBeforeRetry(settings.retry, attempt, asked, settings.random);
    if (pause === undefined) {
      return {
        kind: 'gave-up',
        outcome,
        answer,
        attempts: attempt,
        ...(asked === undefined ? {} : { retryAfterMs: asked }),
      };
    }
    await wait(pause);
  }
}
