/**
 * A local fake of PayU's REST v2.1 API as documented (reference: poland.md §1.4): OAuth client
 * credentials, orders with BLIK Level 0 codes answered like PayU's sandbox, pay-by-link and card by
 * redirect, retrieval by id and by extOrderId, transactions with BLIK result codes, cancel, refunds,
 * and notifications POSTed signed with the second key to the order's notifyUrl. Real HTTP on
 * 127.0.0.1 with faults, through `@kasa/adapter-testing/faults`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import { type PayuSignatureAlgorithm, payuSignatureHeader } from '@kasa/payments';
import type { PayuConfig } from '../config.ts';

/** The PayU sandbox's BLIK codes (developers.payu.com …/blik/testing); anything else is never answered. */
export const PAYU_SANDBOX_CODES = {
  approve: '777123',
  decline: '500500',
  expired: '700701',
  cancelled: '700702',
  used: '700703',
  never: '999123',
} as const;

/**
 * The result codes the fake puts on a failed BLIK transaction. `REG_ERROR_AUTH_CODE_EXPIRED` is
 * documented; the others are the fake's guesses in PayU's naming (not seen in PayU's sandbox).
 */
export const FAKE_RESULT_CODES = {
  expired: 'REG_ERROR_AUTH_CODE_EXPIRED',
  cancelled: 'REG_ERROR_AUTH_CODE_CANCELED',
  used: 'REG_ERROR_AUTH_CODE_USED',
  declined: 'AUT_ERROR_DECLINED',
  timeout: 'AUT_ERROR_TIMEOUT',
} as const;

type OrderStatus = 'NEW' | 'PENDING' | 'WAITING_FOR_CONFIRMATION' | 'COMPLETED' | 'CANCELED';

interface FakeRefund {
  readonly refundId: string;
  readonly extRefundId?: string;
  readonly amount: number;
  readonly description: string;
  readonly creationDateTime: string;
}

interface FakeOrder {
  readonly orderId: string;
  readonly extOrderId?: string;
  readonly createdAt: number;
  readonly totalAmount: string;
  readonly currencyCode: string;
  readonly description: string;
  readonly customerIp: string;
  readonly notifyUrl?: string;
  readonly continueUrl?: string;
  /** `BLIK_AUTHORIZATION_CODE`, `PBL` (card is PBL `c` on PayU's page) or undefined (PayU's page). */
  readonly payMethodType?: string;
  status: OrderStatus;
  /** BLIK: what the bank app does and when. Never the code itself. */
  blik?: { answer: 'approve' | 'decline' | 'never'; answerAt: number; closesAt: number };
  resultCode?: string;
  notified?: OrderStatus;
  readonly refunds: FakeRefund[];
}

export interface FakePayuOptions {
  readonly now?: () => number;
  /** When the bank app answers an approve or decline code. Default 2 s. */
  readonly answerAfterMs?: number;
  /** When PayU gives up on an unanswered BLIK code. Default 120 s (the code's validity). */
  readonly blikWindowMs?: number;
  /** How notifications are signed. Default SHA-256. */
  readonly algorithm?: PayuSignatureAlgorithm;
  /** Tokens live this long. Default 43199 s, as PayU says. */
  readonly tokenSeconds?: number;
}

export interface FakeNotification {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly delivered: boolean;
}

export interface FakePayu {
  readonly url: string;
  /** Settings that point the PayU provider at this fake. */
  readonly config: PayuConfig;
  readonly faults: FaultPlan;
  readonly answerAfterMs: number;
  readonly blikWindowMs: number;
  /** Every order as the fake's books keep it. */
  payments(): { providerRef: string; attemptId?: string; charged: boolean; refunds: number }[];
  /** The bank app approves an open BLIK order now (a late approval); false when the order is final. */
  approve(orderId: string): boolean;
  /** The shopper's choice on PayU's page for a pay-by-link or card order. */
  decide(orderId: string, decision: 'approve' | 'decline'): boolean;
  /** Ends what is due on the clock and sends the notifications owed; resolves when they were POSTed. */
  tick(): Promise<void>;
  /** A notification about an order, signed as PayU signs it. */
  signedNotification(input: {
    orderId: string;
    extOrderId: string;
    status: OrderStatus;
    totalAmount: string;
  }): { body: string; headers: Record<string, string> };
  /** Notifications sent so far. */
  readonly notifications: readonly FakeNotification[];
  /** OAuth token requests so far. */
  oauthCalls(): number;
  /** Makes every token issued so far invalid (PayU answers 401 with them). */
  revokeTokens(): void;
  /** Bodies of the order-create requests received, to check what the client sends. */
  readonly orderRequests: readonly Record<string, unknown>[];
  close(): Promise<void>;
}

const hex32 = () => randomBytes(16).toString('hex');
const payuStatus = (statusCode: string, statusDesc?: string) => ({
  status: { statusCode, ...(statusDesc === undefined ? {} : { statusDesc }) },
});
const FINAL: ReadonlySet<OrderStatus> = new Set(['COMPLETED', 'CANCELED']);

/**
 * Starts the fake on a free port of 127.0.0.1.
 *
 * @example
 * const payu = await startFakePayu({ now: clock.now });
 * const provider = createPayuProvider({ config: payu.config, now: clock.now });
 */
export async function startFakePayu(options: FakePayuOptions = {}): Promise<FakePayu> {
  const now = options.now ?? Date.now;
  const answerAfterMs = options.answerAfterMs ?? 2_000;
  const blikWindowMs = options.blikWindowMs ?? 120_000;
  const tokenSeconds = options.tokenSeconds ?? 43_199;
  const algorithm = options.algorithm ?? 'SHA-256';
  const posId = String(300_000 + Math.floor(Math.random() * 99_999));
  const clientSecret = hex32();
  const secondKey = hex32();
  const faults = createFaultPlan();
  const orders = new Map<string, FakeOrder>();
  const tokens = new Map<string, number>();
  const notifications: FakeNotification[] = [];
  const orderRequests: Record<string, unknown>[] = [];
  const sending = new Set<Promise<void>>();
  let oauth = 0;
  let url = '';

  function signedNotification(input: {
    orderId: string;
    extOrderId: string;
    status: OrderStatus;
    totalAmount: string;
  }): { body: string; headers: Record<string, string> } {
    const order = orders.get(input.orderId);
    // The shape of PayU's real notification (test-fixtures/payu-notification.body.raw.json).
    const body = JSON.stringify({
      order: {
        orderId: input.orderId,
        extOrderId: input.extOrderId,
        orderCreateDate: new Date(order?.createdAt ?? now()).toISOString(),
        notifyUrl: order?.notifyUrl,
        customerIp: order?.customerIp ?? '127.0.0.1',
        merchantPosId: posId,
        description: order?.description ?? 'Zamówienie',
        currencyCode: order?.currencyCode ?? 'PLN',
        totalAmount: input.totalAmount,
        status: input.status,
        products: [{ name: order?.description ?? 'Zamówienie', unitPrice: input.totalAmount, quantity: '1' }],
      },
      localReceiptDateTime: new Date(now()).toISOString(),
      properties: [{ name: 'PAYMENT_ID', value: String(Math.floor(Math.random() * 1e8)) }],
    });
    return {
      body,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'OpenPayu-Signature': payuSignatureHeader(body, secondKey, algorithm),
      },
    };
  }

  function notify(order: FakeOrder): void {
    if (order.notifyUrl === undefined || order.notified === order.status) return;
    order.notified = order.status;
    const { body, headers } = signedNotification({
      orderId: order.orderId,
      extOrderId: order.extOrderId ?? '',
      status: order.status,
      totalAmount: order.totalAmount,
    });
    const target = order.notifyUrl;
    const sent = fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false)
      .then((delivered) => {
        notifications.push({ url: target, body, headers, delivered });
      });
    sending.add(sent);
    void sent.finally(() => sending.delete(sent));
  }

  /** Moves an order on by the clock: the bank app's answer, or PayU giving up on the code. */
  function evaluate(order: FakeOrder): FakeOrder {
    const blik = order.blik;
    if (blik !== undefined && !FINAL.has(order.status)) {
      if (blik.answer !== 'never' && now() >= blik.answerAt && blik.answerAt < blik.closesAt) {
        if (blik.answer === 'approve') order.status = 'COMPLETED';
        else {
          order.status = 'CANCELED';
          order.resultCode = FAKE_RESULT_CODES.declined;
        }
      } else if (now() >= blik.closesAt) {
        order.status = 'CANCELED';
        order.resultCode = FAKE_RESULT_CODES.timeout;
      }
    }
    notify(order);
    return order;
  }

  function view(order: FakeOrder) {
    return {
      orderId: order.orderId,
      ...(order.extOrderId === undefined ? {} : { extOrderId: order.extOrderId }),
      orderCreateDate: new Date(order.createdAt).toISOString(),
      ...(order.notifyUrl === undefined ? {} : { notifyUrl: order.notifyUrl }),
      customerIp: order.customerIp,
      merchantPosId: posId,
      description: order.description,
      currencyCode: order.currencyCode,
      totalAmount: order.totalAmount,
      status: order.status,
      ...(order.payMethodType === undefined ? {} : { payMethod: { type: order.payMethodType } }),
      products: [{ name: order.description, unitPrice: order.totalAmount, quantity: '1' }],
    };
  }

  const notFound: FakeResponse = {
    status: 404,
    body: payuStatus('DATA_NOT_FOUND', 'Could not find data for given criteria.'),
  };

  function authorized(req: FakeRequest): boolean {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expires = tokens.get(token);
    return expires !== undefined && now() < expires;
  }

  function issueToken(req: FakeRequest): FakeResponse {
    oauth += 1;
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' },
      };
    }
    if (form.get('client_id') !== posId || form.get('client_secret') !== clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Bad client credentials' } };
    }
    const token = randomUUID();
    tokens.set(token, now() + tokenSeconds * 1000);
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'bearer',
        expires_in: tokenSeconds,
        grant_type: 'client_credentials',
      },
    };
  }

  function createOrder(req: FakeRequest): FakeResponse {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: payuStatus('ERROR_SYNTAX', 'Invalid JSON') };
    }
    const str = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
    const payMethod = (input.payMethods as { payMethod?: Record<string, unknown> } | undefined)?.payMethod;
    // Only what a test may look at; the BLIK code is dropped before the request is kept.
    orderRequests.push({
      ...input,
      ...(payMethod === undefined ? {} : { payMethods: { payMethod: { type: payMethod.type } } }),
    });
    for (const key of ['customerIp', 'merchantPosId', 'description', 'currencyCode', 'totalAmount']) {
      if (str(key) === undefined || str(key) === '') {
        return { status: 400, body: payuStatus('ERROR_VALUE_MISSING', `Missing required field: ${key}`) };
      }
    }
    if (str('customerIp') === '0.0.0.0')
      return { status: 400, body: payuStatus('ERROR_VALUE_INVALID', 'customerIp') };
    if (str('merchantPosId') !== posId) {
      return { status: 400, body: payuStatus('ERROR_INCONSISTENT_MERCHANT_POS_ID', 'Invalid merchantPosId') };
    }
    if (!/^\d+$/.test(str('totalAmount') ?? '')) {
      return { status: 400, body: payuStatus('ERROR_VALUE_INVALID', 'totalAmount') };
    }
    if (!Array.isArray(input.products) || input.products.length === 0) {
      return { status: 400, body: payuStatus('ERROR_VALUE_MISSING', 'Missing required field: products') };
    }
    const extOrderId = str('extOrderId');
    if (extOrderId !== undefined && [...orders.values()].some((o) => o.extOrderId === extOrderId)) {
      return {
        status: 400,
        body: payuStatus('ERROR_ORDER_NOT_UNIQUE', 'Order with given extOrderId already exists'),
      };
    }
    const type = typeof payMethod?.type === 'string' ? payMethod.type : undefined;
    // Documented form: { type: BLIK_AUTHORIZATION_CODE, value: code }; legacy: { type: PBL, value: blik, authorizationCode }.
    const blikCode =
      type === 'BLIK_AUTHORIZATION_CODE'
        ? payMethod?.value
        : type === 'PBL' && payMethod?.value === 'blik'
          ? payMethod.authorizationCode
          : undefined;
    const orderId = `${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`;
    const createdAt = now();
    const notifyUrl = str('notifyUrl');
    const continueUrl = str('continueUrl');
    const order: FakeOrder = {
      orderId,
      ...(extOrderId === undefined ? {} : { extOrderId }),
      createdAt,
      totalAmount: str('totalAmount') ?? '0',
      currencyCode: str('currencyCode') ?? 'PLN',
      description: str('description') ?? '',
      customerIp: str('customerIp') ?? '',
      ...(notifyUrl === undefined ? {} : { notifyUrl }),
      ...(continueUrl === undefined ? {} : { continueUrl }),
      ...(type === undefined
        ? {}
        : { payMethodType: blikCode === undefined ? type : 'BLIK_AUTHORIZATION_CODE' }),
      status: 'NEW',
      refunds: [],
    };
    if (blikCode !== undefined) {
      if (typeof blikCode !== 'string' || !/^\d{6}$/.test(blikCode)) {
        return { status: 400, body: payuStatus('ERROR_VALUE_INVALID', 'Invalid authorization code') };
      }
      order.status = 'PENDING';
      const refused =
        blikCode === PAYU_SANDBOX_CODES.expired
          ? FAKE_RESULT_CODES.expired
          : blikCode === PAYU_SANDBOX_CODES.cancelled
            ? FAKE_RESULT_CODES.cancelled
            : blikCode === PAYU_SANDBOX_CODES.used
              ? FAKE_RESULT_CODES.used
              : undefined;
      if (refused !== undefined) {
        order.status = 'CANCELED';
        order.resultCode = refused;
      } else {
        const answer =
          blikCode.startsWith('777') || blikCode === '200201'
            ? 'approve'
            : blikCode === PAYU_SANDBOX_CODES.decline
              ? 'decline'
              : 'never';
        order.blik = { answer, answerAt: createdAt + answerAfterMs, closesAt: createdAt + blikWindowMs };
      }
      orders.set(orderId, order);
      notify(order);
      return {
        status: 201,
        body: { ...payuStatus('SUCCESS'), orderId, ...(extOrderId === undefined ? {} : { extOrderId }) },
      };
    }
    orders.set(orderId, order);
    const redirectUri = `${url}/pl/standard/co/summary?orderId=${orderId}`;
    return {
      status: 302,
      headers: { location: redirectUri },
      body: {
        ...payuStatus('SUCCESS'),
        redirectUri,
        orderId,
        ...(extOrderId === undefined ? {} : { extOrderId }),
      },
    };
  }

  function refund(order: FakeOrder, body: string): FakeResponse {
    if (order.status !== 'COMPLETED') {
      return { status: 400, body: payuStatus('ERROR_VALUE_INVALID', 'Order is not completed') };
    }
    let input: { refund?: { extRefundId?: unknown; amount?: unknown; description?: unknown } };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return { status: 400, body: payuStatus('ERROR_SYNTAX', 'Invalid JSON') };
    }
    const extRefundId = typeof input.refund?.extRefundId === 'string' ? input.refund.extRefundId : undefined;
    if (extRefundId !== undefined && order.refunds.some((r) => r.extRefundId === extRefundId)) {
      return { status: 400, body: payuStatus('ERROR_VALUE_INVALID', 'extRefundId is not unique') };
    }
    const total = Number(order.totalAmount);
    const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
    const amount = typeof input.refund?.amount === 'string' ? Number(input.refund.amount) : total - refunded;
    if (!(amount > 0) || refunded + amount > total) {
      return {
        status: 400,
        body: payuStatus('ERROR_VALUE_INVALID', 'Refund amount exceeds the order amount'),
      };
    }
    const made: FakeRefund = {
      refundId: String(5_000_000_000 + Math.floor(Math.random() * 1e9)),
      ...(extRefundId === undefined ? {} : { extRefundId }),
      amount,
      description: typeof input.refund?.description === 'string' ? input.refund.description : '',
      creationDateTime: new Date(now()).toISOString(),
    };
    order.refunds.push(made);
    return {
      status: 200,
      body: { orderId: order.orderId, refund: refundView(order, made), ...payuStatus('SUCCESS') },
    };
  }

  const refundView = (order: FakeOrder, r: FakeRefund) => ({
    refundId: r.refundId,
    ...(r.extRefundId === undefined ? {} : { extRefundId: r.extRefundId }),
    amount: String(r.amount),
    currencyCode: order.currencyCode,
    description: r.description,
    creationDateTime: r.creationDateTime,
    status: 'PENDING',
    statusDateTime: r.creationDateTime,
  });

  async function handler(req: FakeRequest): Promise<FakeResponse> {
    const path = req.url.pathname;
    if (req.method === 'POST' && path === '/pl/standard/user/oauth/authorize') return issueToken(req);
    if (!path.startsWith('/api/v2_1/')) return { status: 404, body: payuStatus('DATA_NOT_FOUND') };
    if (!authorized(req)) {
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'Access token expired or invalid' },
      };
    }
    if (req.method === 'POST' && path === '/api/v2_1/orders') return createOrder(req);
    const ext = /^\/api\/v2_1\/orders\/ext\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && ext?.[1] !== undefined) {
      const extOrderId = decodeURIComponent(ext[1]);
      const found = [...orders.values()].filter((o) => o.extOrderId === extOrderId).map(evaluate);
      if (found.length === 0) return notFound;
      return { status: 200, body: { orders: found.map(view), ...payuStatus('SUCCESS') } };
    }
    const match = /^\/api\/v2_1\/orders\/([^/]+)(\/transactions|\/refunds)?$/.exec(path);
    const order = match?.[1] === undefined ? undefined : orders.get(decodeURIComponent(match[1]));
    if (order === undefined) return notFound;
    evaluate(order);
    const sub = match?.[2];
    if (req.method === 'GET' && sub === undefined) {
      return {
        status: 200,
        body: {
          orders: [view(order)],
          ...payuStatus('SUCCESS'),
          properties: [{ name: 'PAYMENT_ID', value: '1' }],
        },
      };
    }
    if (req.method === 'GET' && sub === '/transactions') {
      const paymentFlow =
        order.payMethodType === 'BLIK_AUTHORIZATION_CODE' ? 'BLIK_AUTHORIZATION_CODE' : 'PBL';
      const done = FINAL.has(order.status);
      return {
        status: 200,
        body: {
          transactions: [
            {
              payMethod: { value: paymentFlow === 'PBL' ? 'c' : 'blik' },
              paymentFlow,
              ...(done && order.resultCode !== undefined ? { resultCode: order.resultCode } : {}),
            },
          ],
        },
      };
    }
    if (req.method === 'DELETE' && sub === undefined) {
      if (FINAL.has(order.status)) return { status: 400, body: payuStatus('ERROR_ORDER_NOT_CANCELABLE') };
      order.status = 'CANCELED';
      notify(order);
      return {
        status: 200,
        body: { orderId: order.orderId, extOrderId: order.extOrderId, ...payuStatus('SUCCESS') },
      };
    }
    if (req.method === 'GET' && sub === '/refunds') {
      return { status: 200, body: { refunds: order.refunds.map((r) => refundView(order, r)) } };
    }
    if (req.method === 'POST' && sub === '/refunds') return refund(order, req.body);
    return { status: 405, body: payuStatus('ERROR_METHOD_NOT_ALLOWED') };
  }

  const server = await serveFake({
    handler,
    faults,
    errorResponse: (status) => ({
      status,
      body: payuStatus(status === 429 ? 'ERROR_TOO_MANY_REQUESTS' : 'ERROR_INTERNAL'),
    }),
  });
  url = server.url;

  return {
    url,
    config: {
      environment: 'sandbox',
      posId,
      clientId: posId,
      clientSecret,
      secondKey,
      baseUrl: url,
      timeoutMs: 10_000,
    },
    faults,
    answerAfterMs,
    blikWindowMs,
    payments: () =>
      [...orders.values()].map(evaluate).map((o) => ({
        providerRef: o.orderId,
        ...(o.extOrderId === undefined ? {} : { attemptId: o.extOrderId }),
        charged: o.status === 'COMPLETED',
        refunds: o.refunds.length,
      })),
    approve(orderId) {
      const order = orders.get(orderId);
      if (order === undefined || FINAL.has(evaluate(order).status)) return false;
      order.status = 'COMPLETED';
      notify(order);
      return true;
    },
    decide(orderId, decision) {
      const order = orders.get(orderId);
      if (order === undefined || order.blik !== undefined || FINAL.has(order.status)) return false;
      order.status = decision === 'approve' ? 'COMPLETED' : 'CANCELED';
      notify(order);
      return true;
    },
    async tick() {
      for (const order of orders.values()) evaluate(order);
      await Promise.all([...sending]);
    },
    signedNotification,
    notifications,
    oauthCalls: () => oauth,
    revokeTokens: () => tokens.clear(),
    orderRequests,
    close: async () => {
      await Promise.all([...sending]);
      await server.close();
    },
  };
}
