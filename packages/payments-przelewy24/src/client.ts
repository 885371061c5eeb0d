import { KasaError } from '@kasa/core';
import { z } from 'zod';
import { baseUrlOf, PANEL, type Przelewy24Config } from './config.ts';
import { registerSign, verifySign } from './sign.ts';

/**
 * Kasa's own small client for Przelewy24's REST API (`/api/v1`, OpenAPI 1.0.16), on `fetch`.
 * HTTP Basic with `posId:apiKey` on every call. Faults (no answer in time, a cut connection, 5xx,
 * 429) are thrown as KasaError('upstream_unavailable'); 401 as KasaError('platform_auth_failed')
 * naming the panel settings; a documented refusal (400/404/409) is returned to the caller, which
 * decides whether it is an answer. Nothing here logs: the provider logs ids only.
 */

/** `GET /api/v1/transaction/by/sessionId/{sessionId}` → `data`. */
export const transactionSchema = z.looseObject({
  sessionId: z.string(),
  /** 0 until P24 assigns one at payment. */
  orderId: z.number().int().nonnegative().optional(),
  /** 0 no payment, 1 advance payment (paid, not verified), 2 payment made (verified), 3 payment returned. */
  status: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  /** Registration time; its form is not documented (see parseP24Date). */
  date: z.string().optional(),
});
export type P24Transaction = z.infer<typeof transactionSchema>;

/** What Kasa registers; `sign`, `merchantId` and `posId` are added by the client. */
export interface RegisterInput {
  readonly sessionId: string;
  readonly amount: number;
  readonly currency: string;
  readonly description: string;
  readonly email: string;
  readonly country: string;
  readonly language: string;
  readonly urlReturn: string;
  readonly urlStatus: string;
  readonly urlCardPaymentNotification?: string;
  readonly channel?: number;
  readonly waitForResult?: boolean;
  readonly regulationAccept?: boolean;
  readonly additional?: { readonly PSU?: { readonly IP: string; readonly userAgent?: string } };
}

/** A refusal P24 answered with (4xx), for the caller to read. */
export interface P24Refusal {
  readonly ok: false;
  readonly status: number;
  readonly error: unknown;
}

export type P24Answer<T> = { readonly ok: true; readonly data: T } | P24Refusal;

export interface P24Client {
  register(input: RegisterInput): Promise<P24Answer<{ token: string }>>;
  chargeByCode(input: { token: string; blikCode: string }): Promise<P24Answer<{ orderId: number }>>;
  /** undefined when P24 has no transaction with this session id (404). */
  transactionBySessionId(sessionId: string): Promise<P24Transaction | undefined>;
  verify(input: {
    sessionId: string;
    orderId: number;
    amount: number;
    currency: string;
  }): Promise<P24Answer<true>>;
  refund(input: {
    requestId: string;
    refundsUuid: string;
    orderId: number;
    sessionId: string;
    amount: number;
    description: string;
    urlStatus?: string;
  }): Promise<P24Answer<true>>;
  testAccess(): Promise<P24Answer<boolean>>;
  /** The payment page for a registered token. */
  paymentPageUrl(token: string): string;
}

const registerAnswer = z.object({ data: z.object({ token: z.string().min(1) }) });
const chargeAnswer = z.object({ data: z.object({ orderId: z.number().int().positive() }) });
const transactionAnswer = z.object({ data: transactionSchema });
const testAccessAnswer = z.object({ data: z.boolean() });

/**
 * Creates the client for one configured shop.
 *
 * @example
 * const client = createP24Client(config);
 * const answer = await client.register({ sessionId: 'pay_1', amount: 4999, currency: 'PLN', … });
 */
export function createP24Client(
  config: Pick<
    Przelewy24Config,
    'merchantId' | 'posId' | 'apiKey' | 'crc' | 'environment' | 'baseUrl' | 'timeoutMs'
  >,
  fetchImpl: typeof fetch = fetch,
): P24Client {
  const base = baseUrlOf(config);
  const authorization = `Basic ${Buffer.from(`${config.posId}:${config.apiKey}`).toString('base64')}`;

  async function call(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new KasaError('upstream_unavailable', {
        details: { provider: 'przelewy24', operation, cause: timedOut ? 'timeout' : 'network' },
      });
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429) {
      throw new KasaError('upstream_unavailable', {
        details: {
          provider: 'przelewy24',
          operation,
          status: response.status,
          ...(response.headers.get('retry-after') ? { retryAfter: response.headers.get('retry-after') } : {}),
        },
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new KasaError('platform_auth_failed', {
        details: {
          provider: 'przelewy24',
          operation,
          status: response.status,
          hint: `Przelewy24 refused the POS ID and API key (HTTP Basic). Check KASA_P24_POS_ID (${PANEL.posId}) and KASA_P24_API_KEY (${PANEL.apiKey}), and that they belong to the ${config.baseUrl ? 'configured' : config.environment} environment.`,
        },
      });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }

  function parsed<T>(operation: string, schema: z.ZodType<T>, json: unknown): T {
    const result = schema.safeParse(json);
    if (!result.success) {
      throw new KasaError('upstream_unavailable', {
        details: { provider: 'przelewy24', operation, cause: 'unexpected_answer' },
      });
    }
    return result.data;
  }

  const refusal = (status: number, json: unknown): P24Refusal => ({
    ok: false,
    status,
    error: json !== null && typeof json === 'object' && 'error' in json ? json.error : json,
  });

  return {
    async register(input) {
      const body = {
        merchantId: config.merchantId,
        posId: config.posId,
        ...input,
        sign: registerSign({ ...input, merchantId: config.merchantId }, config.crc),
      };
      const { status, json } = await call('transaction/register', 'POST', '/transaction/register', body);
      if (status !== 200 && status !== 201) return refusal(status, json);
      return { ok: true, data: parsed('transaction/register', registerAnswer, json).data };
    },

    async chargeByCode(input) {
      const { status, json } = await call(
        'paymentMethod/blik/chargeByCode',
        'POST',
        '/paymentMethod/blik/chargeByCode',
        { token: input.token, blikCode: input.blikCode },
      );
      if (status !== 200 && status !== 201) return refusal(status, json);
      return { ok: true, data: parsed('paymentMethod/blik/chargeByCode', chargeAnswer, json).data };
    },

    async transactionBySessionId(sessionId) {
      const operation = 'transaction/by/sessionId';
      const { status, json } = await call(
        operation,
        'GET',
        `/transaction/by/sessionId/${encodeURIComponent(sessionId)}`,
      );
      if (status === 404) return undefined;
      if (status !== 200) {
        throw new KasaError('upstream_unavailable', {
          details: { provider: 'przelewy24', operation, status },
        });
      }
      return parsed(operation, transactionAnswer, json).data;
    },

    async verify(input) {
      const body = {
        merchantId: config.merchantId,
        posId: config.posId,
        sessionId: input.sessionId,
        amount: input.amount,
        currency: input.currency,
        orderId: input.orderId,
        sign: verifySign(input, config.crc),
      };
      const { status, json } = await call('transaction/verify', 'PUT', '/transaction/verify', body);
      if (status !== 200) return refusal(status, json);
      return { ok: true, data: true };
    },

    async refund(input) {
      const body = {
        requestId: input.requestId,
        refunds: [
          {
            orderId: input.orderId,
            sessionId: input.sessionId,
            amount: input.amount,
            description: input.description,
          },
        ],
        refundsUuid: input.refundsUuid,
        ...(input.urlStatus ? { urlStatus: input.urlStatus } : {}),
      };
      const { status, json } = await call('transaction/refund', 'POST', '/transaction/refund', body);
      if (status !== 200 && status !== 201) return refusal(status, json);
      return { ok: true, data: true };
    },

    async testAccess() {
      const { status, json } = await call('testAccess', 'GET', '/testAccess');
      if (status !== 200) return refusal(status, json);
      return { ok: true, data: parsed('testAccess', testAccessAnswer, json).data };
    },

    paymentPageUrl: (token) => `${base}/trnRequest/${encodeURIComponent(token)}`,
  };
}
