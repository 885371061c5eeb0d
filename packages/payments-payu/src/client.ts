import { KasaError } from '@kasa/core';
import { z } from 'zod';
import { type PayuConfig, payuBaseUrl } from './config.ts';

/**
 * Kasa's small PayU REST v2.1 client on `fetch`: OAuth client credentials with the token reused
 * until shortly before it expires and renewed once when PayU answers 401; a timeout per call.
 * Every fault of the transport (no answer, a reset, 5xx, 429) is KasaError('upstream_unavailable'),
 * safe to retry; the caller decides what a 4xx means.
 */

/** A token is renewed this long before PayU says it expires. */
export const TOKEN_MARGIN_MS = 60_000;

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

/** PayU's `status` object on every answer. */
export const payuStatusSchema = z.object({
  statusCode: z.string(),
  codeLiteral: z.string().optional(),
  statusDesc: z.string().optional(),
});

export interface PayuAnswer {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  readonly body: unknown;
  readonly location?: string;
}

export interface PayuClientOptions {
  readonly config: Pick<PayuConfig, 'environment' | 'baseUrl' | 'clientId' | 'clientSecret' | 'timeoutMs'>;
  readonly fetch?: typeof fetch;
  /** The clock the token's expiry is kept on. */
  readonly now?: () => number;
}

export interface PayuClient {
  /** Calls the API with a bearer token; renews the token once on 401. */
  request(method: string, path: string, body?: unknown): Promise<PayuAnswer>;
  /** Fetches a token now (for `kasa doctor`); throws platform_auth_failed on refused credentials. */
  authorize(): Promise<void>;
}

function unavailable(cause: unknown, details: Record<string, unknown>): KasaError {
  return new KasaError('upstream_unavailable', { cause, details: { provider: 'payu', ...details } });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * @example
 * const client = createPayuClient({ config });
 * const answer = await client.request('GET', `/api/v2_1/orders/${orderId}`);
 */
export function createPayuClient(options: PayuClientOptions): PayuClient {
  const { config } = options;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const base = payuBaseUrl(config);
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function send(path: string, init: RequestInit, where: string): Promise<Response> {
    try {
      return await doFetch(`${base}${path}`, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw unavailable(error, { call: where, reason: 'no_answer' });
    }
  }

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
    });
    const response = await send(
      '/pl/standard/user/oauth/authorize',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      'oauth',
    );
    const body = await readJson(response).catch((e: unknown) => {
      throw unavailable(e, { call: 'oauth', reason: 'body_lost' });
    });
    if (response.status >= 500 || response.status === 429) {
      throw unavailable(undefined, { call: 'oauth', status: response.status });
    }
    if (response.status === 400 || response.status === 401) {
      throw new KasaError('platform_auth_failed', {
        details: {
          provider: 'payu',
          status: response.status,
          hint: 'PayU refused the OAuth client_id / client_secret: copy both from the POS keys in the PayU panel, and check the environment (sandbox keys only work on secure.snd.payu.com).',
        },
      });
    }
    const parsed = tokenSchema.safeParse(body);
    if (!response.ok || !parsed.success) {
      throw unavailable(parsed.error, {
        call: 'oauth',
        status: response.status,
        reason: 'unexpected_answer',
      });
    }
    const renewAt = now() + parsed.data.expires_in * 1000 - TOKEN_MARGIN_MS;
    token = { value: parsed.data.access_token, renewAt };
    return parsed.data.access_token;
  }

  async function bearer(): Promise<string> {
    if (token !== undefined && now() < token.renewAt) return token.value;
    // One token request at a time: parallel calls wait for the same one.
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function once(method: string, path: string, body: unknown, value: string): Promise<PayuAnswer> {
    const response = await send(
      path,
      {
        method,
        headers: {
          authorization: `Bearer ${value}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      `${method} ${path.replace(/\/orders\/[^/]+/, '/orders/{id}')}`,
    );
    let json: unknown;
    try {
      json = await readJson(response);
    } catch (error) {
      throw unavailable(error, { call: method, reason: 'body_lost' });
    }
    if (response.status >= 500 || response.status === 429) {
      throw unavailable(undefined, { call: method, status: response.status });
    }
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, body: json, ...(location === undefined ? {} : { location }) };
  }

  return {
    async request(method, path, body) {
      const first = await once(method, path, body, await bearer());
      if (first.status !== 401) return first;
      // The token expired early or was revoked: one new token, one more try.
      token = undefined;
      const again = await once(method, path, body, await bearer());
      if (again.status === 401) {
        throw new KasaError('platform_auth_failed', {
          details: { provider: 'payu', hint: 'PayU refused a fresh OAuth token; check the POS keys.' },
        });
      }
      return again;
    },
    async authorize() {
      token = undefined;
      await bearer();
    },
  };
}
