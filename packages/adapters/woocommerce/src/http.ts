import {
  type Answer,
  type CallPolicy,
  type CallRecord,
  type CallSettings,
  callPlatform,
  type HttpAnswer,
  parseBody,
  type Reply,
  replyOf,
  type Send,
  tryOnce,
} from '@kasa/platform-http';
import WooCommerceRestApiModule from '@woocommerce/woocommerce-rest-api';
import type { WooCommerceConfig } from './config.ts';

// Timeouts, retries, Retry-After, unknown outcomes and call records live in @kasa/platform-http;
// this file says how WooCommerce's two APIs are sent.
export type { Answer, CallPolicy, CallRecord } from '@kasa/platform-http';
export { bodyOf, isOk } from '@kasa/platform-http';

/** The shared call settings for this shop: its timeout, retries and where call records go. */
export const wooCallSettings = (
  config: WooCommerceConfig,
  record: (call: CallRecord) => void,
): CallSettings => ({
  platform: 'woocommerce',
  timeoutMs: config.timeoutMs,
  retry: config.retry,
  record,
});

export interface StoreRequest {
  readonly token?: string;
  readonly nonce?: string;
  readonly body?: unknown;
}

/** Store API over fetch: JSON in, JSON (or text) out. */
export function storeSender(config: WooCommerceConfig) {
  const base = `${config.url}/${config.restPrefix}/wc/store/v1`;
  return (method: 'GET' | 'POST', path: string, options: StoreRequest): Send<unknown> =>
    async (signal) =>
      replyOf(
        await fetch(`${base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(options.token === undefined ? {} : { 'cart-token': options.token }),
            // WooCommerce 8.9's Store API wants its nonce on a write even with a Cart-Token.
            ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          signal,
        }),
      );
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

export interface RestRequest {
  readonly params?: Record<string, string | number>;
  readonly body?: unknown;
}

/** The path a REST v3 call is recorded under. */
export const restPath = (endpoint: string) => `/wc/v3/${endpoint}`;

/**
 * REST v3 through @woocommerce/woocommerce-rest-api (HTTP Basic over https, OAuth 1.0a over http).
 * The client never throws on a status: every answer comes back for the caller to judge. It takes no
 * per-call signal; its own timeout is the same as the shared layer's.
 */
export function restSender(config: WooCommerceConfig) {
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
  return (method: 'GET' | 'PUT', endpoint: string, options: RestRequest = {}): Send<unknown> =>
    async (): Promise<Reply> => {
      const response =
        method === 'GET'
          ? await client.get(endpoint, options.params ?? {})
          : await client.put(endpoint, options.body);
      return {
        status: response.status,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return value === undefined ? undefined : String(value);
        },
        body: typeof response.data === 'string' ? parseBody(response.data) : response.data,
      };
    };
}

/**
 * REST v3 with the shared policy: retries as the policy allows; returns a 2xx or 4xx answer, throws
 * KasaError('platform_unavailable') otherwise.
 *
 * @example const answer = await rest({ operation: 'getOrder: GET /orders/{id}', idempotent: true }, 'GET', 'orders/7');
 */
export function restApi(config: WooCommerceConfig, record: (call: CallRecord) => void) {
  const settings = wooCallSettings(config, record);
  const send = restSender(config);
  return (
    policy: CallPolicy,
    method: 'GET' | 'PUT',
    endpoint: string,
    options: RestRequest = {},
  ): Promise<HttpAnswer<unknown>> =>
    callPlatform(
      settings,
      { ...policy, api: 'rest', method, path: restPath(endpoint) },
      send(method, endpoint, options),
    );
}

/**
 * One try of each API, answered or not, for `kasa doctor` (which reports what it sees rather than
 * retry).
 *
 * @example const cart = await once.store('diagnose: GET /cart', 'GET', '/cart', {});
 */
export function singleTries(config: WooCommerceConfig, record: (call: CallRecord) => void) {
  const settings = wooCallSettings(config, record);
  const store = storeSender(config);
  const rest = restSender(config);
  return {
    store: (
      operation: string,
      method: 'GET' | 'POST',
      path: string,
      options: StoreRequest,
    ): Promise<Answer> =>
      tryOnce(
        settings,
        { api: 'store', operation, method, path, idempotent: true },
        store(method, path, options),
      ),
    rest: (
      operation: string,
      method: 'GET' | 'PUT',
      endpoint: string,
      options: RestRequest = {},
    ): Promise<Answer> =>
      tryOnce(
        settings,
        { api: 'rest', operation, method, path: restPath(endpoint), idempotent: true },
        rest(method, endpoint, options),
      ),
  };
}
