import '@shopify/shopify-api/adapters/node';
import { randomUUID } from 'node:crypto';
import { KasaError } from '@kasa/core';
import { type CallRecord, PlatformCallError, platformFetch, sleep as realSleep } from '@kasa/platform-http';
import {
  type ApiVersion,
  GraphqlQueryError,
  LogSeverity,
  type Shopify,
  shopifyApi,
} from '@shopify/shopify-api';
import { type AbstractFetchFunc, abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { ShopifyConfig } from '../config.ts';
import { ADMIN_OPERATIONS, type AdminOperation, COST_ESTIMATE, isMutation } from './operations.ts';
import { createCostGauge, type ThrottleStatusSeen } from './throttle.ts';

export interface AdminClientOptions {
  /**
   * The fetch under Kasa's call policy, e.g. one that points at a local fake (`fakeFetch`). Installed
   * with `setAbstractFetchFunc` only while the library's client is built (it keeps it by value).
   */
  readonly fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Called once per try of a call to Shopify, with the operation name; never the variables. */
  readonly onCall?: (call: { readonly operation: string }) => void;
  readonly record?: (call: CallRecord) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** The adapter step running now (`placeOrder`), prefixed to each call record's operation. */
  readonly stepOf?: () => string | undefined;
  /** A library instance to share (the Storefront client may use the same one). */
  readonly shopify?: Shopify;
}

export interface AdminAnswer<T> {
  readonly data: T;
  /** The version Shopify answered in (`X-Shopify-API-Version`), which differs when it no longer serves the one asked for. */
  readonly apiVersion: string | undefined;
}

export interface AdminClient {
  /**
   * Runs one of Kasa's Admin GraphQL operations. Waits when the cost bucket is low (at most
   * `maxThrottleWaitMs`), and again after a `THROTTLED` answer. Throws KasaError
   * `platform_unavailable` (no answer; `PlatformCallError` with `outcome`), `platform_auth_failed`
   * (401/403), or `platform_response_invalid` (GraphQL errors).
   */
  request<T>(operation: AdminOperation, variables?: Record<string, unknown>): Promise<AdminAnswer<T>>;
  readonly shopify: Shopify;
}

/** Marks each request so a transport failure is matched to its call; Shopify ignores it. */
const CALL_HEADER = 'x-kasa-call';

const operationOf = (init: RequestInit | undefined): string =>
  /\b(?:query|mutation)\s+(\w+)/.exec(String(init?.body ?? ''))?.[1] ?? 'graphql';

/** How many THROTTLED answers in a row Kasa waits out before it gives up on a call. */
const THROTTLED_TRIES = 4;

/**
 * The library instance of a custom store app: no OAuth, the Admin token from the configuration.
 *
 * @example const shopify = shopifyFor(parseShopifyConfig(settings));
 */
export function shopifyFor(config: ShopifyConfig): Shopify {
  return shopifyApi({
    apiSecretKey: config.apiSecretKey,
    adminApiAccessToken: config.adminAccessToken,
    isCustomStoreApp: true,
    isEmbeddedApp: false,
    hostName: 'kasa.invalid',
    apiVersion: config.apiVersion as ApiVersion,
    privateAppStorefrontAccessToken: config.storefrontPrivateToken,
    logger: { level: LogSeverity.Error, httpRequests: false, log: async () => {} },
  });
}

/**
 * Admin GraphQL through `@shopify/shopify-api` (`new shopify.clients.Graphql`, `client.request`)
 * over @kasa/platform-http's fetch: timeouts, retries of queries with backoff and `Retry-After`,
 * mutations never repeated after an unknown outcome, plus Shopify's cost-based throttling.
 *
 * @example
 * const admin = createAdminClient(config, { fetch: fakeFetch(shop.url) });
 * const { data } = await admin.request<{ order: unknown }>('KasaOrder', { id: 'gid://shopify/Order/1' });
 */
export function createAdminClient(config: ShopifyConfig, options: AdminClientOptions = {}): AdminClient {
  const shopify = options.shopify ?? shopifyFor(config);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const gauge = createCostGauge();
  // The library turns a fetch that throws into an error without its cause: keep each call's own.
  const failures = new Map<string, unknown>();
  const policyFetch = platformFetch({
    platform: 'shopify',
    api: 'admin-graphql',
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    sleep,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    record: (call) => {
      options.onCall?.({ operation: call.operation });
      options.record?.(call);
    },
    operation: (_url, init) => {
      const step = options.stepOf?.();
      return step ? `${step}: ${operationOf(init)}` : operationOf(init);
    },
    idempotent: (_url, init) => !isMutation(operationOf(init)),
  });
  const session = shopify.session.customAppSession(config.shop);
  const previous = abstractFetch;
  const keepingFailures = async (url: string, init?: RequestInit) => {
    try {
      return await policyFetch(url, init);
    } catch (error) {
      const id = new Headers(init?.headers).get(CALL_HEADER);
      if (id) failures.set(id, error);
      throw error;
    }
  };
  setAbstractFetchFunc(keepingFailures as AbstractFetchFunc);
  let client: InstanceType<Shopify['clients']['Graphql']>;
  try {
    client = new shopify.clients.Graphql({ session, apiVersion: config.apiVersion as ApiVersion });
  } finally {
    setAbstractFetchFunc(previous);
  }

  async function request<T>(operation: AdminOperation, variables: Record<string, unknown> = {}) {
    for (let throttled = 0; ; throttled++) {
      const wait = Math.min(gauge.waitFor(COST_ESTIMATE[operation], now()), config.maxThrottleWaitMs);
      if (wait > 0) await sleep(wait);
      const callId = randomUUID();
      try {
        const answer = await client.request(ADMIN_OPERATIONS[operation], {
          variables,
          retries: 0,
          headers: { [CALL_HEADER]: callId },
        });
        gauge.seen(costOf(answer.extensions), now());
        const version = answer.headers?.['X-Shopify-Api-Version'];
        return { data: answer.data as T, apiVersion: Array.isArray(version) ? version[0] : version };
      } catch (error) {
        if (error instanceof GraphqlQueryError) {
          const body = error.body as {
            extensions?: unknown;
            errors?: { graphQLErrors?: { extensions?: { code?: string } }[] };
          };
          gauge.seen(costOf(body?.extensions), now());
          const isThrottled =
            body?.errors?.graphQLErrors?.some((e) => e.extensions?.code === 'THROTTLED') === true;
          if (isThrottled && throttled + 1 < THROTTLED_TRIES) continue;
          if (isThrottled) {
            throw new KasaError('platform_unavailable', {
              details: { platform: 'shopify', operation, outcome: 'not-done', reason: 'throttled' },
            });
          }
          throw new KasaError('platform_response_invalid', {
            details: { platform: 'shopify', operation, field: 'errors', issue: error.message },
          });
        }
        throw asKasaError(operation, failures.get(callId) ?? error);
      } finally {
        failures.delete(callId);
      }
    }
  }

  return { request, shopify };
}

/** The cost extension's throttle status, if the answer has one. */
function costOf(extensions: unknown): ThrottleStatusSeen | undefined {
  const status = (extensions as { cost?: { throttleStatus?: ThrottleStatusSeen } } | undefined)?.cost
    ?.throttleStatus;
  return typeof status?.currentlyAvailable === 'number' ? status : undefined;
}

/** A library or transport failure as Kasa's error; a platform_unavailable keeps its outcome. */
function asKasaError(operation: string, error: unknown): KasaError {
  if (error instanceof KasaError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof PlatformCallError) return cause;
  const code = (error as { response?: { code?: number } })?.response?.code;
  if (code === 401 || code === 403) {
    return new KasaError('platform_auth_failed', {
      details: {
        platform: 'shopify',
        operation,
        hint: 'Shopify refused the Admin API access token: copy it again from the custom app’s API credentials (shpat_…).',
      },
    });
  }
  if (code !== undefined && code >= 400 && code < 500 && code !== 429) {
    // 402: the shop is frozen (unpaid plan), 423: locked, 404: no such shop or API path (Shopify's docs).
    const hint =
      code === 402
        ? 'The shop is frozen (its Shopify plan is unpaid): the merchant must settle it in the Shopify admin.'
        : code === 423
          ? 'The shop is locked by Shopify: the merchant must contact Shopify support.'
          : code === 404
            ? 'Shopify has no such shop or API version: check shop (the myshopify domain) and apiVersion.'
            : `Shopify refused the request with HTTP ${code}.`;
    return new KasaError('platform_rejected', {
      details: { platform: 'shopify', operation, status: code, hint },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const outcome = isMutation(operation) && code !== 429 ? 'unknown' : 'not-done';
  return new KasaError('platform_unavailable', {
    details: { platform: 'shopify', operation, outcome, ...(code ? { status: code } : { error: message }) },
    cause: error,
  });
}
