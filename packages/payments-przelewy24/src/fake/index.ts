import { randomBytes } from 'node:crypto';
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import {
  blikNotificationSign,
  notificationSign,
  refundNotificationSign,
  registerSign,
  signMatches,
  verifySign,
} from '../sign.ts';

/**
 * A local Przelewy24, speaking the documented REST API (`/api/v1`, OpenAPI 1.0.16) over real HTTP on
 * 127.0.0.1, with the rules that matter to Kasa:
 * - HTTP Basic `posId:apiKey` on every API call (401 `Incorrect authentication` otherwise);
 * - `transaction/register` checks the required fields and the sign (CRC key), answers a token;
 * - `paymentMethod/blik/chargeByCode` needs `additional.PSU` at registration (as documented) and
 *   decides by code, like P24's sandbox: `777xxx` approved, other six digits declined (a BLIK result
 *   with an error); the fake's own additions: `999xxx` never answered, `700701` an expired code
 *   (BLIK result error `BLIK_CODE_EXPIRED`, an assumed value: P24 documents no BLIK error codes);
 * - time is a clock (`now`): the bank answers `answerAfterMs` after the charge, an unanswered attempt
 *   takes no approval after `closesAfterMs`; what fell due is played, and its notifications delivered,
 *   before the fake answers the next request (and every `tickMs` with the real clock);
 * - a paid transaction is an advance payment (status 1) until `transaction/verify` with the right sign:
 *   only then is it settled (status 2), and only a settled one can be refunded;
 * - notifications: the transaction notification to `urlStatus` (success only), the BLIK result to
 *   `urlCardPaymentNotification`, the refund's to its `urlStatus`, each signed as documented. Sent
 *   once (P24 retries for hours; `resend` plays a retry);
 * - `/trnRequest/{token}` is the payment page: approve or decline, then back to `urlReturn`.
 */

export interface P24FakeCredentials {
  readonly merchantId: number;
  readonly posId: number;
  readonly apiKey: string;
  readonly crc: string;
}

export interface P24FakeOptions extends Partial<P24FakeCredentials> {
  readonly faults?: FaultPlan;
  /** The clock (epoch ms); tests share a hand-moved one with the provider. Default Date.now. */
  readonly now?: () => number;
  /** When the simulated bank app answers a BLIK code, after the charge. Default 2 s. */
  readonly answerAfterMs?: number;
  /** When an unanswered BLIK attempt stops taking an approval, after the charge. Default 120 s. */
  readonly closesAfterMs?: number;
  /** Plays what fell due this often without waiting for a request; default 250 ms with the real clock, off with `now`. */
  readonly tickMs?: number;
  /** Delivers notifications; default global fetch. */
  readonly fetch?: typeof fetch;
  readonly port?: number;
}

/** A transaction as the fake keeps it. */
export interface FakeP24Transaction {
  readonly sessionId: string;
  readonly token: string;
  readonly amount: number;
  readonly currency: string;
  readonly description: string;
  readonly email: string;
  readonly urlReturn: string;
  readonly urlStatus?: string;
  readonly urlCardPaymentNotification?: string;
  readonly regulationAccept: boolean;
  readonly channel?: number;
  readonly hasPsu: boolean;
  orderId: number;
  /** 0 no payment, 1 advance payment (not verified), 2 payment made (verified), 3 payment returned. */
  status: 0 | 1 | 2 | 3;
  methodId: number;
  verifyCalls: number;
  charged: boolean;
  /** BLIK: when the charge came (epoch ms) and what the bank answers. */
  chargedAt?: number;
  answer?: 'approve' | 'decline' | 'expired' | 'never';
  answered: boolean;
  readonly registeredAt: number;
  refunded: number;
  refunds: number;
  readonly refundRequests: Set<string>;
}

export interface SentNotification {
  readonly url: string;
  readonly kind: 'transaction' | 'blik' | 'refund';
  readonly body: string;
}

export interface P24Fake {
  /** `http://127.0.0.1:<port>`: the provider's `baseUrl`. */
  readonly url: string;
  readonly credentials: P24FakeCredentials;
  readonly faults: FaultPlan;
  transaction(sessionId: string): FakeP24Transaction | undefined;
  /**
   * The payer pays now (a late approval in the bank app, or the payment page): an advance payment,
   * notified. Refused (false) once the attempt is closed or paid.
   */
  pay(sessionId: string): Promise<boolean>;
  /** Every transaction in the fake's books, for the contract suite. */
  payments(): { providerRef: string; attemptId: string; charged: boolean; refunds: number }[];
  /** Sends the transaction's last notification of a kind again, as P24's retries do. */
  resend(sessionId: string, kind?: SentNotification['kind']): Promise<void>;
  /** Settled: verified by the merchant (status 2), or since refunded (3). */
  settled(sessionId: string): boolean;
  notifications(): readonly SentNotification[];
  /** Waits until every notification scheduled so far was delivered (or failed). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const BLIK_METHOD_ID = 181;
const CARD_METHOD_ID = 218;
const PBL_METHOD_ID = 25;

const invalidInput = (): FakeResponse => ({ status: 400, body: { error: 'Invalid input data', code: 400 } });
const unauthorized = (): FakeResponse => ({
  status: 401,
  body: { error: 'Incorrect authentication', code: 401 },
});
const notFound = (): FakeResponse => ({
  status: 404,
  body: { error: 'Transaction not found', responseCode: 0 },
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const int = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const str = (value: unknown, max = 1024): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(body);
    return isRecord(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** `YYYY-MM-DD HH:MM:SS` in Polish time: the form the fake gives `date` (P24 documents the field, not its form). */
export function warsawDateTime(epochMs: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Starts the fake on a free port.
 *
 * @example
 * const fake = await startPrzelewy24Fake({ answerAfterMs: 0 });
 * const provider = createPrzelewy24Provider({ config: { ...fake.credentials, baseUrl: fake.url, … } });
 */
export async function startPrzelewy24Fake(options: P24FakeOptions = {}): Promise<P24Fake> {
  const merchantId = options.merchantId ?? 100_000 + Math.floor(Math.random() * 800_000);
  const credentials: P24FakeCredentials = {
    merchantId,
    posId: options.posId ?? merchantId,
    apiKey: options.apiKey ?? randomBytes(16).toString('hex'),
    crc: options.crc ?? randomBytes(8).toString('hex'),
  };
  const faults = options.faults ?? createFaultPlan();
  const now = options.now ?? Date.now;
  const answerAfterMs = options.answerAfterMs ?? 2_000;
  const closesAfterMs = options.closesAfterMs ?? 120_000;
  const deliver = options.fetch ?? fetch;
  const bySession = new Map<string, FakeP24Transaction>();
  const byToken = new Map<string, FakeP24Transaction>();
  const sent: SentNotification[] = [];
  const inFlight = new Set<Promise<void>>();
  let nextOrderId = 300_000_001;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.posId}:${credentials.apiKey}`).toString('base64')}`;

  function send(url: string | undefined, kind: SentNotification['kind'], payload: Record<string, unknown>) {
    if (!url) return;
    const body = JSON.stringify(payload);
    sent.push({ url, kind, body });
    const job = deliver(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  }

  function notifyPaid(t: FakeP24Transaction) {
    const n = {
      merchantId: credentials.merchantId,
      posId: credentials.posId,
      sessionId: t.sessionId,
      amount: t.amount,
      originAmount: t.amount,
      currency: t.currency,
      orderId: t.orderId,
      methodId: t.methodId,
      statement: `p24-${t.orderId}`,
    };
    send(t.urlStatus, 'transaction', { ...n, sign: notificationSign(n, credentials.crc) });
  }

  function notifyBlik(t: FakeP24Transaction, result: { error: string; message: string; status: string }) {
    const n = {
      orderId: t.orderId,
      sessionId: t.sessionId,
      method: BLIK_METHOD_ID,
      result: { ...result, trxRef: `T${t.orderId}` },
    };
    send(t.urlCardPaymentNotification, 'blik', { ...n, sign: blikNotificationSign(n, credentials.crc) });
  }

  function assignOrder(t: FakeP24Transaction, methodId: number) {
    if (t.orderId === 0) t.orderId = nextOrderId++;
    t.methodId = methodId;
  }

  function pay(t: FakeP24Transaction): boolean {
    if (t.status !== 0) return false;
    t.status = 1;
    if (t.methodId === BLIK_METHOD_ID)
      notifyBlik(t, { error: '0', message: 'success', status: 'AUTHORIZED' });
    notifyPaid(t);
    return true;
  }

  /** Plays the bank answers that fell due by now. */
  function catchUp() {
    for (const t of bySession.values()) {
      if (t.answered || t.chargedAt === undefined || t.answer === undefined || t.answer === 'never') continue;
      if (now() < t.chargedAt + answerAfterMs) continue;
      t.answered = true;
      if (t.answer === 'approve') pay(t);
      else if (t.answer === 'expired') {
        notifyBlik(t, { error: 'BLIK_CODE_EXPIRED', message: 'BLIK code expired', status: 'REJECTED' });
      } else notifyBlik(t, { error: '1', message: 'Transaction rejected', status: 'REJECTED' });
    }
  }

  function register(body: Record<string, unknown>): FakeResponse {
    const { sessionId, amount, currency, description, email, country, language, urlReturn, sign } = body;
    if (body.merchantId !== credentials.merchantId || body.posId !== credentials.posId) return invalidInput();
    if (!str(sessionId, 100) || !int(amount) || amount <= 0 || !str(currency, 3)) return invalidInput();
    if (
      !str(description) ||
      !str(email, 50) ||
      !str(country, 2) ||
      !str(language, 2) ||
      !str(urlReturn, 250)
    ) {
      return invalidInput();
    }
    const expected = registerSign(
      { sessionId, merchantId: credentials.merchantId, amount, currency },
      credentials.crc,
    );
    if (!signMatches(sign, expected)) return invalidInput();
    // P24 documents no answer for a repeated sessionId. The fake's assumption: the same registration
    // again (unpaid, never charged, same amount) answers the same token; anything else is refused.
    const earlier = bySession.get(sessionId);
    if (earlier) {
      if (earlier.status !== 0 || earlier.charged || earlier.amount !== amount) return invalidInput();
      return { status: 200, body: { data: { token: earlier.token }, responseCode: 0 } };
    }
    const additional = isRecord(body.additional) ? body.additional : {};
    const psu = isRecord(additional.PSU) ? additional.PSU : undefined;
    const t: FakeP24Transaction = {
      sessionId,
      token: randomBytes(16).toString('hex').toUpperCase(),
      amount,
      currency,
      description,
      email,
      urlReturn,
      ...(str(body.urlStatus, 250) ? { urlStatus: body.urlStatus } : {}),
      ...(str(body.urlCardPaymentNotification, 250)
        ? { urlCardPaymentNotification: body.urlCardPaymentNotification }
        : {}),
      regulationAccept: body.regulationAccept === true,
      ...(int(body.channel) ? { channel: body.channel } : {}),
      hasPsu: psu !== undefined && str(psu.IP, 45),
      orderId: 0,
      status: 0,
      methodId: 0,
      verifyCalls: 0,
      charged: false,
      answered: false,
      registeredAt: now(),
      refunded: 0,
      refunds: 0,
      refundRequests: new Set(),
    };
    bySession.set(sessionId, t);
    byToken.set(t.token, t);
    return { status: 200, body: { data: { token: t.token }, responseCode: 0 } };
  }

  function chargeByCode(body: Record<string, unknown>): FakeResponse {
    const t = typeof body.token === 'string' ? byToken.get(body.token) : undefined;
    const code = body.blikCode;
    if (!t || typeof code !== 'string' || !/^\d{6}$/.test(code) || !t.hasPsu || t.charged || t.status !== 0) {
      return invalidInput();
    }
    t.charged = true;
    t.chargedAt = now();
    t.answer = code.startsWith('777')
      ? 'approve'
      : code.startsWith('999')
        ? 'never'
        : code === '700701'
          ? 'expired'
          : 'decline';
    assignOrder(t, BLIK_METHOD_ID);
    return { status: 201, body: { data: { orderId: t.orderId, message: 'success' }, responseCode: 0 } };
  }

  function verify(body: Record<string, unknown>): FakeResponse {
    const t = typeof body.sessionId === 'string' ? bySession.get(body.sessionId) : undefined;
    if (!t) return invalidInput();
    t.verifyCalls += 1;
    const { orderId, amount, currency, sign } = body;
    if (body.merchantId !== credentials.merchantId || body.posId !== credentials.posId) return invalidInput();
    if (orderId !== t.orderId || amount !== t.amount || currency !== t.currency) return invalidInput();
    const expected = verifySign(
      { sessionId: t.sessionId, orderId: t.orderId, amount: t.amount, currency: t.currency },
      credentials.crc,
    );
    if (!signMatches(sign, expected)) return invalidInput();
    if (t.status === 0) return invalidInput();
    if (t.status === 1) t.status = 2;
    return { status: 200, body: { data: { status: 'success' }, responseCode: 0 } };
  }

  function refund(body: Record<string, unknown>): FakeResponse {
    const { requestId, refundsUuid, refunds } = body;
    if (!str(requestId, 45) || !str(refundsUuid, 35) || !Array.isArray(refunds) || refunds.length === 0) {
      return { status: 400, body: { error: 'Invalid input parameters', code: 400 } };
    }
    const items = refunds.filter(isRecord);
    const seen = items.some(
      (r) => typeof r.sessionId === 'string' && bySession.get(r.sessionId)?.refundRequests.has(requestId),
    );
    if (seen) return { status: 400, body: { error: 'Request already exists', code: 400 } };
    const checked = items.map((r) => {
      const t = typeof r.sessionId === 'string' ? bySession.get(r.sessionId) : undefined;
      const answer = {
        orderId: r.orderId,
        sessionId: r.sessionId,
        amount: r.amount,
        description: r.description,
      };
      let refusal: string | undefined;
      if (!t || t.orderId !== r.orderId) refusal = 'Transaction not found';
      else if (t.status !== 2) refusal = 'Transaction in wrong status - cannot refund';
      else if (!int(r.amount) || r.amount <= 0 || r.amount > t.amount - t.refunded) {
        refusal = 'The amount of refund exceeds available amount for the transaction';
      }
      return { t, amount: int(r.amount) ? r.amount : 0, refusal, answer };
    });
    if (checked.some((c) => c.refusal !== undefined)) {
      const error = checked.map((c) => ({
        ...c.answer,
        status: c.refusal === undefined,
        message: c.refusal ?? 'success',
      }));
      return { status: 409, body: { error, code: 409 } };
    }
    const results: { t: FakeP24Transaction; amount: number }[] = checked.flatMap((c) =>
      c.t ? [{ t: c.t, amount: c.amount }] : [],
    );
    for (const r of results) {
      const t = r.t;
      t.refundRequests.add(requestId);
      t.refunded += r.amount;
      t.refunds += 1;
      if (t.refunded >= t.amount) t.status = 3;
      if (str(body.urlStatus)) {
        const n = {
          orderId: t.orderId,
          sessionId: t.sessionId,
          refundsUuid,
          merchantId: credentials.merchantId,
          amount: r.amount,
          currency: t.currency,
          status: 0,
        };
        send(body.urlStatus, 'refund', {
          ...n,
          requestId,
          timestamp: Math.floor(Date.now() / 1000),
          sign: refundNotificationSign(n, credentials.crc),
        });
      }
    }
    return {
      status: 201,
      body: {
        data: checked.map((c) => ({ ...c.answer, status: true, message: 'success' })),
        responseCode: 0,
      },
    };
  }

  function transactionView(t: FakeP24Transaction) {
    return {
      statement: t.orderId ? `p24-${t.orderId}` : '',
      orderId: t.orderId,
      sessionId: t.sessionId,
      status: t.status,
      amount: t.amount,
      currency: t.currency,
      date: warsawDateTime(t.registeredAt),
      dateOfTransaction: '',
      clientEmail: t.email,
      accountMD5: '',
      paymentMethod: t.methodId,
      description: t.description,
      clientName: '',
      clientAddress: '',
      clientCity: '',
      clientPostcode: '',
      batchId: 0,
      fee: '0',
    };
  }

  function paymentPage(req: FakeRequest, token: string): FakeResponse {
    const t = byToken.get(token);
    if (!t) return { status: 404, body: 'Nieznana transakcja' };
    if (req.method === 'POST') {
      const decision = new URLSearchParams(req.body).get('decision');
      if (decision === 'approve' && t.status === 0) {
        assignOrder(t, t.channel === 1 ? CARD_METHOD_ID : PBL_METHOD_ID);
        pay(t);
      }
      return { status: 303, headers: { location: t.urlReturn } };
    }
    const amount = `${(t.amount / 100).toFixed(2)} ${t.currency}`;
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html lang="pl"><meta charset="utf-8"><title>Przelewy24 (fake)</title><h1>Przelewy24 (lokalna atrapa)</h1><p>${escapeHtml(t.description)}: ${escapeHtml(amount)}</p><form method="post"><button name="decision" value="approve">Zapłać</button> <button name="decision" value="decline">Odrzuć</button></form></html>`,
    };
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }

  async function handler(req: FakeRequest): Promise<FakeResponse> {
    // What fell due has happened, and its notifications arrived, before this request is answered.
    catchUp();
    await idle();
    const path = req.url.pathname;
    const page = /^\/trnRequest\/([^/]+)$/.exec(path);
    if (page?.[1]) return paymentPage(req, decodeURIComponent(page[1]));
    if (!path.startsWith('/api/v1/')) return { status: 404, body: { error: 'Not found', code: 404 } };
    if (req.headers.authorization !== expectedAuth) return unauthorized();
    const route = `${req.method} ${path.slice('/api/v1'.length)}`;
    if (route === 'GET /testAccess') return { status: 200, body: { data: true, error: '' } };
    const bySessionPath = /^GET \/transaction\/by\/sessionId\/([^/]+)$/.exec(route);
    if (bySessionPath?.[1]) {
      const t = bySession.get(decodeURIComponent(bySessionPath[1]));
      return t ? { status: 200, body: { data: transactionView(t), responseCode: 0 } } : notFound();
    }
    const body = parseJson(req.body);
    if (!body) return invalidInput();
    switch (route) {
      case 'POST /transaction/register':
        return register(body);
      case 'POST /paymentMethod/blik/chargeByCode':
        return chargeByCode(body);
      case 'PUT /transaction/verify':
        return verify(body);
      case 'POST /transaction/refund':
        return refund(body);
      default:
        return { status: 404, body: { error: 'Not found', code: 404 } };
    }
  }

  const server = await serveFake({
    handler,
    faults,
    errorResponse: (status) => ({
      status,
      body:
        status === 429
          ? { error: 'Too many requests', code: 429 }
          : { error: 'Undefined error', code: status },
    }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });

  const tickMs = options.tickMs ?? (options.now === undefined ? 250 : undefined);
  const ticker = tickMs === undefined ? undefined : setInterval(catchUp, tickMs);
  ticker?.unref();

  return {
    url: server.url,
    credentials,
    faults,
    transaction: (sessionId) => bySession.get(sessionId),
    async pay(sessionId) {
      catchUp();
      const t = bySession.get(sessionId);
      if (!t) throw new RangeError(`The fake P24 has no transaction ${sessionId}`);
      if (t.chargedAt !== undefined && now() >= t.chargedAt + closesAfterMs) return false;
      if (t.answered && t.answer !== 'approve') return false;
      t.answered = true;
      assignOrder(t, t.methodId || (t.channel === 8192 ? BLIK_METHOD_ID : PBL_METHOD_ID));
      const paid = pay(t);
      await idle();
      return paid;
    },
    payments: () =>
      [...bySession.values()].map((t) => ({
        providerRef: t.sessionId,
        attemptId: t.sessionId,
        charged: t.status !== 0,
        refunds: t.refunds,
      })),
    async resend(sessionId, kind = 'transaction') {
      const last = [...sent]
        .reverse()
        .find((n) => n.kind === kind && parseJson(n.body)?.sessionId === sessionId);
      if (!last) throw new RangeError(`The fake P24 sent no ${kind} notification for ${sessionId}`);
      const job = deliver(last.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: last.body,
      })
        .then(() => undefined)
        .catch(() => undefined);
      sent.push(last);
      await job;
    },
    settled: (sessionId) => {
      const status = bySession.get(sessionId)?.status;
      return status === 2 || status === 3;
    },
    notifications: () => [...sent],
    idle,
    close: async () => {
      if (ticker) clearInterval(ticker);
      await server.close();
    },
  };
}
