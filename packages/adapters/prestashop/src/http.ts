import {
  type CallRecord,
  type CallSettings,
  callPlatform,
  type HttpAnswer,
  type RetrySettings,
} from '@kasa/platform-http';

/**
 * HTTP to the shop through @kasa/platform-http: a timeout on every try, retries with exponential
 * backoff and full jitter, `Retry-After` honoured. A call is retried blindly only when repeating it
 * cannot do the work twice (`safe`: reads, or writes the caller made idempotent). For other writes a
 * lost answer is a PlatformCallError for which `isUnknownOutcome` is true, so the caller looks the
 * result up before it writes again.
 */

export type { CallRecord } from '@kasa/platform-http';

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

export interface HttpOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxRetryAfterMs: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Called once per try, answered or not. */
  readonly onCall?: (call: CallRecord) => void;
}

export type Http = (call: HttpCall) => Promise<HttpReply>;

/** The shop's APIs, for call records: the webservice, the Kasa module's endpoint, the Admin API. */
function apiOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.includes('/admin-api')) return 'admin-api';
  if (path.includes('/api/')) return 'webservice';
  return 'module';
}

/** PrestaShop answers 503 in maintenance mode, before any work: a write may be repeated after it. */
const prestaShopRetry = (options: HttpOptions): RetrySettings => ({
  attempts: options.retries + 1,
  baseDelayMs: options.retryBaseMs,
  maxDelayMs: options.retryMaxMs,
  maxRetryAfterMs: options.maxRetryAfterMs,
  notDoneStatuses: [429, 503],
});

/**
 * Creates the transport. Answers every status it does not retry; the caller maps 4xx. Throws
 * KasaError('platform_unavailable') (a PlatformCallError) when retries run out, and at once for an
 * unsafe call whose answer was lost (`isUnknownOutcome`).
 *
 * @example const http = createHttp({ timeoutMs: 10_000, retries: 2, retryBaseMs: 200, retryMaxMs: 2_000, maxRetryAfterMs: 5_000 });
 */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? fetch;
  const settings: CallSettings = {
    platform: 'prestashop',
    timeoutMs: options.timeoutMs,
    retry: prestaShopRetry(options),
    ...(options.onCall ? { record: options.onCall } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  type Body = Omit<HttpReply, 'status'>;
  const replyOf = (answer: HttpAnswer<Body>): HttpReply => ({
    status: answer.status,
    ...answer.body,
  });

  return async function send(call: HttpCall): Promise<HttpReply> {
    const isRefusal = call.isRefusal;
    const answer = await callPlatform<Body>(
      settings,
      {
        api: apiOf(call.url),
        operation: call.operation,
        method: call.method,
        path: call.url,
        idempotent: call.safe,
        ...(isRefusal ? { isRefusal: (a) => isRefusal(replyOf(a)) } : {}),
      },
      async (signal) => {
        const response = await doFetch(call.url, {
          method: call.method,
          ...(call.headers ? { headers: call.headers } : {}),
          ...(call.body === undefined ? {} : { body: call.body }),
          signal,
        });
        const body = { headers: response.headers, text: await response.text() };
        return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body };
      },
    );
    return replyOf(answer);
  };
}
