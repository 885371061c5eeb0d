import { KasaError } from '@kasa/core';
import {
  type Answer,
  type CallPolicy,
  type CallRecord,
  type CallSettings,
  callPlatform,
  type HttpAnswer,
  sleep as realSleep,
  replyOf,
  type Send,
  tryOnce,
} from '@kasa/platform-http';
import type { z } from 'zod';
import { restBase, type ShoperConfig } from '../config.ts';
import { TokenCache } from './auth.ts';
import { ShopBucket } from './bucket.ts';
import { type KeptGrant, type ShoperTokens, type TokenPost, tokenIssuer } from './oauth.ts';
import { errorBodySchema } from './schemas.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ShoperRequest {
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
}

export interface ShoperHttpOptions {
  /** Called once per HTTP try (auth included): count them, log them. */
  readonly onCall?: (call: CallRecord) => void;
  /** An AppStore application's new tokens, to persist the refresh token. */
  readonly onTokens?: (tokens: ShoperTokens) => unknown;
  /** An AppStore application's newest grant kept by the server (an install's code, the last refresh token). */
  readonly keptGrant?: () => KeptGrant | undefined;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** The REST client of one shop: bucket, token, retries, one renewal on 401. */
export interface ShoperRest {
  /** A 2xx or 4xx answer (401 handled); throws platform_unavailable / platform_auth_failed. */
  request(
    policy: CallPolicy,
    method: Method,
    path: string,
    req?: ShoperRequest,
  ): Promise<HttpAnswer<unknown>>;
  /** Gets a token (cached or new); throws platform_auth_failed / platform_unavailable. For `kasa doctor`. */
  authenticate(): Promise<void>;
  /** Drops the cached token and gets a new one now (after an AppStore install brought a new code). */
  reconnect(): Promise<void>;
  /** One try, answered or not, for `kasa doctor`. */
  once(operation: string, method: Method, path: string, req?: ShoperRequest): Promise<Answer<unknown>>;
  readonly bucket: ShopBucket;
}

const urlOf = (base: string, path: string, query?: ShoperRequest['query']): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) search.set(key, String(value));
  const qs = search.toString();
  return `${base}${path}${qs === '' ? '' : `?${qs}`}`;
};

/**
 * The REST client: every call waits for the leaky bucket, carries the cached bearer token and goes
 * through @kasa/platform-http (timeouts, retries, 429 Retry-After capped by `maxRetryAfterMs`); a 401
 * renews the token once (shared with concurrent callers) and repeats the call once; a second 401 is
 * KasaError('platform_auth_failed').
 *
 * @example
 * const rest = createShoperRest(config, { onCall });
 * const answer = await rest.request({ operation: 'getOrder: GET /orders/{id}', idempotent: true }, 'GET', '/orders/7');
 */
export function createShoperRest(config: ShoperConfig, options: ShoperHttpOptions = {}): ShoperRest {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const base = restBase(config);
  const bucket = new ShopBucket({ now, sleep, maxWaitMs: config.maxBucketWaitMs });
  const settings: CallSettings = {
    platform: 'shoper',
    timeoutMs: config.timeoutMs,
    retry: { ...config.retry, maxRetryAfterMs: config.maxRetryAfterMs },
    ...(options.onCall === undefined ? {} : { record: options.onCall }),
    sleep,
    now,
    ...(options.random === undefined ? {} : { random: options.random }),
  };

  const send =
    (
      method: Method,
      url: string,
      authorization: string,
      body: string | undefined,
      type?: string,
    ): Send<unknown> =>
    async (signal) => {
      await bucket.reserve();
      const reply = await replyOf(
        await doFetch(url, {
          method,
          headers: {
            accept: 'application/json',
            authorization,
            ...(body === undefined ? {} : { 'content-type': type ?? 'application/json' }),
          },
          ...(body === undefined ? {} : { body }),
          signal,
        }),
      );
      bucket.observe(reply.header);
      return reply;
    };

  const post: TokenPost = ({ operation, path, basic, form, idempotent }) =>
    callPlatform(
      settings,
      { api: 'rest', operation, method: 'POST', path, idempotent },
      send(
        'POST',
        `${base}${path}`,
        basic,
        form === undefined ? undefined : new URLSearchParams(form).toString(),
        'application/x-www-form-urlencoded',
      ),
    );
  const tokens = new TokenCache({
    issue: tokenIssuer(config.auth, post, options.onTokens, options.keptGrant),
    now,
    marginMs: config.tokenMarginMs,
  });

  const sender = (method: Method, path: string, req: ShoperRequest, token: string) =>
    send(
      method,
      urlOf(base, path, req.query),
      `Bearer ${token}`,
      req.body === undefined ? undefined : JSON.stringify(req.body),
    );

  return {
    bucket,
    async request(policy, method, path, req = {}) {
      const call = { ...policy, api: 'rest', method, path };
      const token = await tokens.current();
      const answer = await callPlatform(settings, call, sender(method, path, req, token));
      if (answer.status !== 401) return answer;
      const fresh = await tokens.renew(token);
      const again = await callPlatform(settings, call, sender(method, path, req, fresh));
      if (again.status !== 401) return again;
      tokens.forget();
      throw new KasaError('platform_auth_failed', {
        details: {
          platform: 'shoper',
          operation: policy.operation,
          hint: 'Shoper refused a token it had just issued: check that the WebAPI user or application is still active and allowed to use the API.',
        },
      });
    },
    async authenticate() {
      await tokens.current();
    },
    async reconnect() {
      tokens.forget();
      await tokens.current();
    },
    async once(operation, method, path, req = {}) {
      const token = await tokens.current();
      return tryOnce(
        settings,
        { api: 'rest', operation, method, path, idempotent: true },
        sender(method, path, req, token),
      );
    },
  };
}

/**
 * The error for a 4xx answer: 403 is missing permissions, anything else a refusal with Shoper's
 * error code and description.
 *
 * @example throw refusalOf(answer, 'placeOrder: POST /orders');
 */
export function refusalOf(answer: HttpAnswer<unknown>, operation: string): KasaError {
  const error = errorBodySchema.safeParse(answer.body);
  const said = error.success
    ? {
        error: error.data.error,
        ...(error.data.error_description ? { message: error.data.error_description } : {}),
      }
    : {};
  if (answer.status === 403) {
    return new KasaError('platform_auth_failed', {
      details: {
        platform: 'shoper',
        operation,
        status: 403,
        ...said,
        hint: 'The WebAPI user’s group lacks a permission this call needs: allow reading and writing orders, products, shippings, payments, statuses and taxes.',
      },
    });
  }
  return new KasaError('platform_rejected', {
    details: { platform: 'shoper', operation, status: answer.status, ...said },
  });
}

/**
 * A 2xx answer's body read with a schema; a 4xx becomes {@link refusalOf}, a body of another shape
 * KasaError('platform_response_invalid') naming the field.
 *
 * @example const order = parseAnswer(orderSchema, answer, 'getOrder: GET /orders/{id}');
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  answer: HttpAnswer<unknown>,
  operation: string,
): z.output<S> {
  if (answer.status < 200 || answer.status >= 300) throw refusalOf(answer, operation);
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  throw new KasaError('platform_response_invalid', {
    details: { platform: 'shoper', operation, field: parsed.error.issues[0]?.path.join('.') ?? '' },
  });
}
