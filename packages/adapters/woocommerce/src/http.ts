import { KasaError } from '@kasa/core';
import WooCommerceRestApiModule from '@woocommerce/woocommerce-rest-api';
import type { WooCommerceConfig } from './config.ts';

/** One HTTP exchange with the shop, as far as it got. */
export type Answer =
  | {
      readonly kind: 'http';
      readonly status: number;
      header(name: string): string | undefined;
      /** Parsed JSON, or the raw text when the body is not JSON. */
      readonly body: unknown;
    }
  | { readonly kind: 'network'; readonly timeout: boolean; readonly message: string };

/** A record of one platform call, for call counting and logs. Carries no personal data. */
export interface CallRecord {
  readonly api: 'store' | 'rest';
  readonly operation: string;
  readonly method: string;
  /** The path without the query (REST queries carry OAuth parameters). */
  readonly path: string;
  readonly status?: number;
  readonly error?: string;
  readonly ms: number;
}

export interface CallPolicy {
  /** The platform call name for errors and logs, e.g. `placeOrder: POST /checkout`. */
  readonly operation: string;
  /**
   * Whether repeating the call is harmless. A non-idempotent call is repeated only when the platform
   * provably did not run it (a 429); after a timeout, a reset or a 5xx its outcome is unknown and
   * the caller must look before it tries again.
   */
  readonly idempotent: boolean;
}

/** A 2xx answer (not a type guard: a non-2xx answer may still be HTTP). */
export const isOk = (a: Answer): boolean => a.kind === 'http' && a.status >= 200 && a.status < 300;
/** The parsed body of an HTTP answer; undefined when the exchange got no answer. */
export const bodyOf = (a: Answer): unknown => (a.kind === 'http' ? a.body : undefined);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The pause before retry number `attempt` (from 1): the `Retry-After` the shop asked for, or else
 * exponential backoff with equal jitter (half fixed, half random, so retries of many checkouts spread
 * out); never longer than `maxDelayMs`.
 */
export function retryPauseMs(retry: WooCommerceConfig['retry'], attempt: number, asked?: number): number {
  const backoff = retry.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(asked ?? backoff / 2 + Math.random() * (backoff / 2), retry.maxDelayMs);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** An answer whose outcome is unknown or transient: worth another try if the call is idempotent. */
const isTransient = (a: Answer) => a.kind === 'network' || a.status >= 500;

/**
 * Sends with retries: a 429 is always retried after its `Retry-After` (capped); timeouts, resets and
 * 5xx only when the call is idempotent, with exponential backoff and jitter. Returns the last answer;
 * what it means is the caller's business.
 */
export async function exchange(
  config: WooCommerceConfig,
  policy: CallPolicy,
  send: () => Promise<Answer>,
): Promise<Answer> {
  let answer = await send();
  for (let attempt = 1; attempt < config.retry.attempts; attempt++) {
    const limited = answer.kind === 'http' && answer.status === 429;
    if (!limited && !(policy.idempotent && isTransient(answer))) return answer;
    const asked = answer.kind === 'http' && limited ? retryAfterMs(answer.header('retry-after')) : undefined;
    await sleep(retryPauseMs(config.retry, attempt, asked));
    answer = await send();
  }
  return answer;
}

/** The error for an answer that never became a usable reply. */
export function unavailable(policy: CallPolicy, answer: Answer): KasaError {
  return new KasaError('platform_unavailable', {
    details: {
      platform: 'woocommerce',
      operation: policy.operation,
      ...(answer.kind === 'http'
        ? { status: answer.status }
        : { error: answer.timeout ? 'timeout' : answer.message }),
    },
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const errorName = (error: unknown) =>
  error instanceof Error
    ? ((error.cause as { code?: string } | undefined)?.code ?? error.message)
    : String(error);

/** Store API over fetch: JSON in, JSON out, a timeout on every call. */
export function storeApi(config: WooCommerceConfig, record: (call: CallRecord) => void) {
  const base = `${config.url}/${config.restPrefix}/wc/store/v1`;
  return async (
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; nonce?: string; body?: unknown },
  ): Promise<Answer> => {
    const started = performance.now();
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token === undefined ? {} : { 'cart-token': options.token }),
          // WooCommerce 8.9's Store API wants its nonce on a write even with a Cart-Token.
          ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const body = parseBody(await response.text());
      record({
        api: 'store',
        operation,
        method,
        path,
        status: response.status,
        ms: performance.now() - started,
      });
      return {
        kind: 'http',
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined,
        body,
      };
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const message = timeout ? 'timeout' : errorName(error);
      record({ api: 'store', operation, method, path, error: message, ms: performance.now() - started });
      return { kind: 'network', timeout, message };
    }
  };
}

interface RestClient {
  get(endpoint: string, params?: Record<string, string | number>): Promise<RestResponse>;
  put(endpoint: string, data: unknown): Promise<RestResponse>;
}
interface RestResponse {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

// The package ships CommonJS with `exports.default`; Node's ESM import hands over the module object.
const WooCommerceRestApi = ((WooCommerceRestApiModule as unknown as { default?: unknown }).default ??
  WooCommerceRestApiModule) as unknown as new (
  options: Record<string, unknown>,
) => RestClient;

/**
 * REST v3 through @woocommerce/woocommerce-rest-api (HTTP Basic over https, OAuth 1.0a over http).
 * The client never throws on a status: every answer comes back for {@link exchange} to judge.
 */
export function restApi(config: WooCommerceConfig, record: (call: CallRecord) => void) {
  const client = new WooCommerceRestApi({
    url: config.url,
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    wpAPIPrefix: config.restPrefix,
    version: 'wc/v3',
    timeout: config.timeoutMs,
    // Spread last by the library: it may add options, not replace its headers or auth.
    axiosConfig: {
      validateStatus: () => true,
      proxy: false,
      transitional: { clarifyTimeoutError: true },
    },
  });
  return async (
    operation: string,
    method: 'GET' | 'PUT',
    endpoint: string,
    options: { params?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<Answer> => {
    const started = performance.now();
    const path = `/wc/v3/${endpoint}`;
    try {
      const response =
        method === 'GET'
          ? await client.get(endpoint, options.params ?? {})
          : await client.put(endpoint, options.body);
      record({
        api: 'rest',
        operation,
        method,
        path,
        status: response.status,
        ms: performance.now() - started,
      });
      const body = typeof response.data === 'string' ? parseBody(response.data) : response.data;
      return {
        kind: 'http',
        status: response.status,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return value === undefined ? undefined : String(value);
        },
        body,
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const timeout = code === 'ETIMEDOUT' || code === 'ECONNABORTED';
      const message = timeout ? 'timeout' : (code ?? errorName(error));
      record({ api: 'rest', operation, method, path, error: message, ms: performance.now() - started });
      return { kind: 'network', timeout, message };
    }
  };
}
