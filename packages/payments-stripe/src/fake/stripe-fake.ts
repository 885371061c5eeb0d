import { createHash, createHmac, randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers';
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import { fakeBlikOutcome } from './blik-outcomes.ts';
import { type FormHash, hashOf, listOf, parseStripeForm, str } from './form.ts';

/** The API version the fake answers as (the one stripe@23 pins). */
export const FAKE_API_VERSION = '2026-11-18.endive';

export interface StripeFakeOptions {
  /** The only key the fake accepts; default a fixed `sk_test_…`. */
  readonly secretKey?: string;
  /** The signing secret of every webhook endpoint; default a fixed `whsec_…`. */
  readonly webhookSecret?: string;
  /** A webhook endpoint registered from the start (as one made in the Dashboard). */
  readonly webhookUrl?: string;
  readonly faults?: FaultPlan;
  /** The fake's clock (ms); default Date.now. With a clock of your own, call `tick()` to let time act. */
  readonly now?: () => number;
  /** When the bank app answers an approving or declining code; default 2 000 ms. */
  readonly approveAfterMs?: number;
  /** When an unanswered BLIK confirmation times out; default 60 000 ms, as Stripe documents. */
  readonly approvalWindowMs?: number;
  /** How long a new PaymentIntent stays out of search results (Stripe: "under a minute"); default 0. */
  readonly searchLagMs?: number;
  /** The account's `blik_payments` capability; default `active`. */
  readonly blikCapability?: 'active' | 'inactive' | 'pending';
  readonly port?: number;
}

/** One webhook delivery the fake attempted. */
export interface FakeDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly url: string;
  /** The HTTP status of the answer, or 0 when none came. */
  readonly status: number;
}

export interface StripeFake {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly faults: FaultPlan;
  /** PaymentIntents as the API shows them, oldest first. */
  intents(): Record<string, unknown>[];
  refunds(): Record<string, unknown>[];
  events(): Record<string, unknown>[];
  deliveries(): FakeDelivery[];
  /** Plays the bank app now: approves, declines (`customer_declined`) or times out an intent awaiting it. */
  decide(intentId: string, answer: 'approve' | 'decline' | 'timeout'): Promise<void>;
  /** Pays (or abandons) a Checkout Session as a shopper on Stripe's page would. */
  payCheckout(sessionId: string): Promise<void>;
  /** Applies what the clock made due (answers, time-outs) and waits for its webhooks. */
  tick(): Promise<void>;
  /** Delivers an event again, as Stripe's retries do; answers the HTTP status of each endpoint. */
  resend(eventId: string): Promise<number[]>;
  /** Waits for the webhooks under way. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface BlikPlan {
  readonly answer: 'approve' | 'decline' | 'none';
  readonly declineCode?: string;
  readonly answerAt: number;
  readonly deadline: number;
}

interface Intent {
  readonly json: Record<string, unknown> & { id: string; status: string; metadata: Record<string, string> };
  readonly createdMs: number;
  blik?: BlikPlan;
  refunded: number;
}

interface Session {
  readonly json: Record<string, unknown> & { id: string; status: string };
  readonly createdMs: number;
}

const DEFAULT_SECRET_KEY = 'sk_test_kasaFake0000000000000000';
const DEFAULT_WEBHOOK_SECRET = 'whsec_kasaFake0000000000000000';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

type StripeError = {
  type: string;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  payment_intent?: unknown;
};

const fail = (status: number, error: StripeError): FakeResponse => ({
  status,
  headers: { 'request-id': id('req') },
  body: { error: { ...error, request_log_url: `https://dashboard.stripe.com/test/logs/${id('req')}` } },
});

const missing = (kind: string, key: string, param: string): FakeResponse =>
  fail(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${key}'`,
  });

const invalid = (param: string, message: string, code = 'parameter_invalid_empty'): FakeResponse =>
  fail(400, { type: 'invalid_request_error', code, param, message });

const ok = (body: unknown): FakeResponse => ({ status: 200, headers: { 'request-id': id('req') }, body });

/** Stripe's error format for the fault plan's 5xx and 429. */
const faultResponse = (status: number): FakeResponse =>
  status === 429
    ? fail(429, {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: 'Too many requests hit the API too quickly.',
      })
    : fail(status, { type: 'api_error', message: 'An error occurred with our connection to Stripe.' });

/**
 * A local fake of the part of Stripe's API Kasa uses, over real HTTP on 127.0.0.1, for the real
 * `stripe` SDK (`new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`): PaymentIntents
 * (create with confirm, retrieve, cancel, list with `created`, search by metadata), Refunds, Checkout
 * Sessions with a pay page, the account, the balance and webhook endpoints. Requests are
 * form-encoded as Stripe takes them, answers are Stripe's objects and error shapes,
 * `Idempotency-Key` replays the first answer (`Idempotent-Replayed: true`) and refuses other
 * parameters, and webhooks are POSTed signed (`Stripe-Signature: t=…,v1=…`). BLIK outcomes: see
 * {@link fakeBlikOutcome}.
 *
 * @example
 * const fake = await startStripeFake({ webhookUrl: 'http://127.0.0.1:3000/api/payments/notify/stripe' });
 * const stripe = new Stripe(fake.secretKey, { host: '127.0.0.1', port: fake.port, protocol: 'http' });
 */
export async function startStripeFake(options: StripeFakeOptions = {}): Promise<StripeFake> {
  const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const faults = options.faults ?? createFaultPlan();
  const now = options.now ?? Date.now;
  const approveAfterMs = options.approveAfterMs ?? 2_000;
  const approvalWindowMs = options.approvalWindowMs ?? 60_000;
  const searchLagMs = options.searchLagMs ?? 0;
  const seconds = () => Math.floor(now() / 1000);

  const intents = new Map<string, Intent>();
  const sessions = new Map<string, Session>();
  const refunds: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const deliveries: FakeDelivery[] = [];
  const endpoints: { id: string; url: string; enabled_events: string[] }[] = [];
  if (options.webhookUrl) endpoints.push({ id: id('we'), url: options.webhookUrl, enabled_events: ['*'] });
  const idempotent = new Map<string, { fingerprint: string; answer: FakeResponse }>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  let baseUrl = '';

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  async function deliver(event: Record<string, unknown>, url: string): Promise<number> {
    const payload = JSON.stringify(event, null, 2);
    const t = seconds();
    const v1 = createHmac('sha256', webhookSecret).update(`${t}.${payload}`).digest('hex');
    let status = 0;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': `t=${t},v1=${v1}`,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    deliveries.push({ eventId: String(event.id), type: String(event.type), url, status });
    return status;
  }

  function emit(type: string, object: Record<string, unknown>): void {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: FAKE_API_VERSION,
      created: seconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(event);
    if (closed) return;
    for (const endpoint of endpoints) {
      if (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)) {
        void track(deliver(event, endpoint.url));
      }
    }
  }

  // --- PaymentIntents ------------------------------------------------------------------------

  function failIntent(intent: Intent, error: StripeError & { payment_method?: unknown }): void {
    Object.assign(intent.json, {
      status: 'requires_payment_method',
      next_action: null,
      last_payment_error: error,
      payment_method: null,
    });
    intent.blik = undefined;
    emit('payment_intent.payment_failed', intent.json);
  }

  function succeed(intent: Intent): void {
    const charge = id('ch');
    Object.assign(intent.json, {
      status: 'succeeded',
      next_action: null,
      amount_received: intent.json.amount,
      latest_charge: charge,
    });
    intent.blik = undefined;
    emit('payment_intent.succeeded', intent.json);
  }

  /** Lets the clock act on one intent: the bank app's answer, or the window closing. */
  function refresh(intent: Intent): void {
    const plan = intent.blik;
    if (!plan || intent.json.status !== 'requires_action') return;
    const t = now();
    if (plan.answer !== 'none' && plan.answerAt < plan.deadline && t >= plan.answerAt) {
      if (plan.answer === 'approve') succeed(intent);
      else failIntent(intent, providerDecline(plan.declineCode ?? 'customer_declined'));
    } else if (t >= plan.deadline) {
      failIntent(intent, providerTimeout());
    }
  }

  const providerDecline = (declineCode: string): StripeError => ({
    type: 'card_error',
    code: 'payment_method_provider_decline',
    decline_code: declineCode,
    message: 'The customer’s bank declined the BLIK payment.',
  });
  const providerTimeout = (): StripeError => ({
    type: 'card_error',
    code: 'payment_method_provider_timeout',
    message: 'The customer did not approve the BLIK payment in time.',
  });

  /** Schedules the next change of an intent awaiting the bank app, so its webhook goes out on time. */
  function schedule(intent: Intent): void {
    const plan = intent.blik;
    if (!plan) return;
    const due = plan.answer !== 'none' && plan.answerAt < plan.deadline ? plan.answerAt : plan.deadline;
    const timer = delay(
      () => {
        if (!closed) refresh(intent);
      },
      Math.max(0, due - now()) + 5,
    );
    timer.unref();
  }

  function confirmBlik(intent: Intent, form: FormHash): FakeResponse | undefined {
    const code = str(hashOf(hashOf(form, 'payment_method_options'), 'blik'), 'code');
    if (code === undefined || !/^\d{6}$/.test(code)) {
      return invalid(
        'payment_method_options[blik][code]',
        'A 6-digit BLIK code is required to confirm a BLIK PaymentIntent.',
        code === undefined ? 'parameter_missing' : 'parameter_invalid_string',
      );
    }
    const email = str(hashOf(hashOf(form, 'payment_method_data'), 'billing_details'), 'email');
    const outcome = fakeBlikOutcome(code, email);
    const paymentMethod = id('pm');
    if (outcome.kind === 'refused') {
      const error: StripeError = {
        type: 'invalid_request_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        param: 'payment_method_options[blik][code]',
        message:
          outcome.declineCode === 'code_expired' ? 'The BLIK code has expired.' : 'The BLIK code is invalid.',
      };
      failIntent(intent, {
        ...error,
        payment_method: { id: paymentMethod, object: 'payment_method', type: 'blik' },
      });
      return fail(400, { ...error, payment_intent: intent.json });
    }
    Object.assign(intent.json, {
      status: 'requires_action',
      payment_method: paymentMethod,
      next_action: { type: 'blik_authorize', blik_authorize: {} },
      last_payment_error: null,
    });
    const t = now();
    intent.blik = {
      answer: outcome.kind,
      ...(outcome.kind === 'decline' ? { declineCode: outcome.declineCode } : {}),
      answerAt: t + approveAfterMs,
      deadline: t + approvalWindowMs,
    };
    emit('payment_intent.requires_action', intent.json);
    schedule(intent);
    return undefined;
  }

  function createIntent(form: FormHash): FakeResponse {
    const amount = Number(str(form, 'amount'));
    const currency = str(form, 'currency');
    if (!Number.isSafeInteger(amount) || amount < 1)
      return invalid('amount', 'Invalid integer: amount', 'parameter_invalid_integer');
    if (!currency) return invalid('currency', 'Missing required param: currency.', 'parameter_missing');
    if (form.payment_method_types !== undefined) {
      return invalid(
        'payment_method_types',
        'payment_method_types is no longer supported on this API version; use allowed_payment_method_types.',
        'payment_method_types_no_longer_supported',
      );
    }
    const types = listOf(form, 'allowed_payment_method_types') ?? ['card'];
    if (types.includes('blik') && currency !== 'pln') {
      return invalid('currency', 'BLIK only supports the pln currency.', 'payment_intent_invalid_currency');
    }
    // Stripe's minimum charge in PLN is 2,00 zł.
    if (currency === 'pln' && amount < 200) {
      return invalid('amount', 'Amount must be at least 2,00 zł.', 'amount_too_small');
    }
    const metadata = (hashOf(form, 'metadata') ?? {}) as Record<string, string>;
    const intentId = id('pi');
    const intent: Intent = {
      createdMs: now(),
      refunded: 0,
      json: {
        id: intentId,
        object: 'payment_intent',
        amount,
        amount_capturable: 0,
        amount_received: 0,
        canceled_at: null,
        cancellation_reason: null,
        capture_method: 'automatic_async',
        client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
        confirmation_method: 'automatic',
        created: seconds(),
        currency,
        description: str(form, 'description') ?? null,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata,
        next_action: null,
        payment_method: null,
        payment_method_options: Object.fromEntries(types.map((t) => [t, {}])),
        payment_method_types: types,
        status: 'requires_payment_method',
      },
    };
    intents.set(intentId, intent);
    emit('payment_intent.created', intent.json);
    if (str(form, 'confirm') === 'true') {
      const pmType = str(hashOf(form, 'payment_method_data'), 'type');
      if (pmType !== 'blik') {
        return invalid(
          'payment_method_data[type]',
          'The fake confirms only BLIK PaymentIntents (payment_method_data[type]=blik).',
        );
      }
      const refusal = confirmBlik(intent, form);
      if (refusal) return refusal;
    }
    return ok(intent.json);
  }

  function cancelIntent(intent: Intent, form: FormHash): FakeResponse {
    refresh(intent);
    if (intent.json.status === 'succeeded' || intent.json.status === 'canceled') {
      return fail(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.json.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        payment_intent: intent.json,
      });
    }
    Object.assign(intent.json, {
      status: 'canceled',
      next_action: null,
      canceled_at: seconds(),
      cancellation_reason: str(form, 'cancellation_reason') ?? null,
    });
    intent.blik = undefined;
    emit('payment_intent.canceled', intent.json);
    return ok(intent.json);
  }

  /** `metadata['key']:'value'` clauses joined by AND; the only query Kasa sends. */
  function searchIntents(query: string): FakeResponse {
    const clauses = query
      .split(/\s+AND\s+/i)
      .map((c) => /^metadata\[['"]([^'"]+)['"]\]:['"]([^'"]*)['"]$/.exec(c.trim()));
    if (clauses.some((c) => c === null)) {
      return invalid(
        'query',
        `The fake understands only metadata['key']:'value' clauses, got: ${query}`,
        'parameter_invalid_string',
      );
    }
    const cutoff = now() - searchLagMs;
    const data = [...intents.values()]
      .filter((i) => i.createdMs <= cutoff)
      .filter((i) => clauses.every((c) => c && i.json.metadata[c[1] as string] === c[2]))
      .map((i) => i.json)
      .reverse();
    return ok({
      object: 'search_result',
      url: '/v1/payment_intents/search',
      has_more: false,
      next_page: null,
      data,
    });
  }

  /** Newest first, `created[gte]`/`created[lte]`, `limit`, `starting_after`, as Stripe's lists. */
  function list<T extends { json: Record<string, unknown> }>(
    url: string,
    items: readonly T[],
    query: FormHash,
    keep: (item: T) => boolean = () => true,
  ): FakeResponse {
    const created = hashOf(query, 'created');
    const gte = Number(str(created, 'gte') ?? Number.NEGATIVE_INFINITY);
    const lte = Number(str(created, 'lte') ?? Number.POSITIVE_INFINITY);
    const limit = Math.min(100, Math.max(1, Number(str(query, 'limit') ?? 10)));
    let rows = [...items]
      .reverse()
      .filter((i) => keep(i) && (i.json.created as number) >= gte && (i.json.created as number) <= lte);
    const after = str(query, 'starting_after');
    if (after) rows = rows.slice(rows.findIndex((i) => i.json.id === after) + 1);
    return ok({
      object: 'list',
      url,
      has_more: rows.length > limit,
      data: rows.slice(0, limit).map((i) => i.json),
    });
  }

  // --- Refunds -------------------------------------------------------------------------------

  function createRefund(form: FormHash): FakeResponse {
    const intentId = str(form, 'payment_intent');
    const intent = intentId ? intents.get(intentId) : undefined;
    if (!intentId || !intent) return missing('payment_intent', intentId ?? '', 'payment_intent');
    refresh(intent);
    if (intent.json.status !== 'succeeded') {
      return fail(400, {
        type: 'invalid_request_error',
        code: 'charge_not_refundable',
        message: `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
      });
    }
    const amount = intent.json.amount as number;
    const wanted = Number(str(form, 'amount') ?? amount - intent.refunded);
    if (
      intent.refunded >= amount ||
      !Number.isSafeInteger(wanted) ||
      wanted < 1 ||
      intent.refunded + wanted > amount
    ) {
      return fail(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${String(intent.json.latest_charge)} has already been refunded.`,
      });
    }
    intent.refunded += wanted;
    const refund = {
      id: id('re'),
      object: 'refund',
      amount: wanted,
      charge: intent.json.latest_charge,
      created: seconds(),
      currency: intent.json.currency,
      metadata: hashOf(form, 'metadata') ?? {},
      payment_intent: intentId,
      reason: str(form, 'reason') ?? null,
      status: 'succeeded',
    };
    refunds.push(refund);
    emit('refund.created', refund);
    emit('charge.refunded', {
      id: intent.json.latest_charge,
      object: 'charge',
      payment_intent: intentId,
      refunded: true,
    });
    return ok(refund);
  }

  // --- Checkout Sessions (cards on Stripe's page) ----------------------------------------------

  function createSession(form: FormHash): FakeResponse {
    if (str(form, 'mode') !== 'payment') return invalid('mode', 'The fake supports mode=payment only.');
    const successUrl = str(form, 'success_url');
    if (!successUrl)
      return invalid('success_url', 'Missing required param: success_url.', 'parameter_missing');
    const lines = (form.line_items as FormHash[] | undefined) ?? [];
    let total = 0;
    let currency = '';
    for (const line of lines) {
      const price = hashOf(line, 'price_data');
      currency = str(price, 'currency') ?? currency;
      total += Number(str(price, 'unit_amount')) * Number(str(line, 'quantity') ?? '1');
    }
    if (!Number.isSafeInteger(total) || total < 1) {
      return invalid(
        'line_items',
        'line_items[][price_data][unit_amount] and [quantity] are required.',
        'parameter_missing',
      );
    }
    const sessionId = `cs_test_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;
    const session: Session = {
      createdMs: now(),
      json: {
        id: sessionId,
        object: 'checkout.session',
        amount_total: total,
        cancel_url: str(form, 'cancel_url') ?? null,
        client_reference_id: str(form, 'client_reference_id') ?? null,
        created: seconds(),
        currency,
        expires_at: seconds() + 24 * 3600,
        livemode: false,
        metadata: hashOf(form, 'metadata') ?? {},
        mode: 'payment',
        payment_intent: null,
        payment_method_types: listOf(form, 'allowed_payment_method_types') ?? ['card'],
        payment_status: 'unpaid',
        status: 'open',
        success_url: successUrl,
        url: `${baseUrl}/pay/${sessionId}`,
        payment_intent_data: hashOf(form, 'payment_intent_data') ?? {},
      },
    };
    sessions.set(sessionId, session);
    return ok(publicSession(session));
  }

  /** What the API shows (the fake keeps `payment_intent_data` to copy it onto the intent). */
  const publicSession = (s: Session) => {
    const { payment_intent_data: _kept, ...shown } = s.json;
    return shown;
  };

  function paySession(session: Session): void {
    if (session.json.status !== 'open') return;
    const data = (session.json.payment_intent_data ?? {}) as FormHash;
    const intentId = id('pi');
    const intent: Intent = {
      createdMs: now(),
      refunded: 0,
      json: {
        id: intentId,
        object: 'payment_intent',
        amount: session.json.amount_total,
        amount_received: 0,
        created: seconds(),
        currency: session.json.currency,
        description: str(data, 'description') ?? null,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: (hashOf(data, 'metadata') ?? {}) as Record<string, string>,
        next_action: null,
        payment_method: id('pm'),
        payment_method_types: ['card'],
        status: 'processing',
      },
    };
    intents.set(intentId, intent);
    succeed(intent);
    Object.assign(session.json, {
      status: 'complete',
      payment_status: 'paid',
      payment_intent: intentId,
      url: null,
    });
    emit('checkout.session.completed', publicSession(session));
  }

  // --- the router ----------------------------------------------------------------------------

  function route(req: FakeRequest): FakeResponse {
    const path = req.url.pathname;
    const pay = /^\/pay\/(cs_[A-Za-z0-9_]+)$/.exec(path);
    if (pay?.[1]) return payPage(req, pay[1]);

    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      return fail(401, {
        type: 'invalid_request_error',
        message: given
          ? `Invalid API Key provided: ${given.slice(0, 8)}${'*'.repeat(8)}${given.slice(-4)}`
          : 'You did not provide an API key.',
      });
    }
    const form = req.method === 'GET' ? parseStripeForm(req.url.search.slice(1)) : parseStripeForm(req.body);
    const key = req.headers['idempotency-key'];
    if (req.method === 'POST' && typeof key === 'string') {
      const fingerprint = createHash('sha256').update(`${req.method} ${path}\n${req.body}`).digest('hex');
      const seen = idempotent.get(key);
      if (seen && seen.fingerprint !== fingerprint) {
        return fail(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      if (seen) return { ...seen.answer, headers: { ...seen.answer.headers, 'idempotent-replayed': 'true' } };
      const answer = dispatch(req.method, path, form);
      // Stripe saves the result once the endpoint started executing; a refused parameter is not saved.
      if (answer.status < 500 && !(answer.status === 400 && isParamError(answer))) {
        idempotent.set(key, { fingerprint, answer });
      }
      return answer;
    }
    return dispatch(req.method, path, form);
  }

  const isParamError = (answer: FakeResponse) => {
    const error = (answer.body as { error?: StripeError } | undefined)?.error;
    return error?.type === 'invalid_request_error' && error.payment_intent === undefined;
  };

  function dispatch(method: string, path: string, form: FormHash): FakeResponse {
    const intentPath = /^\/v1\/payment_intents\/(pi_[A-Za-z0-9]+)(\/cancel)?$/.exec(path);
    if (intentPath?.[1]) {
      const intent = intents.get(intentPath[1]);
      if (!intent) return missing('payment_intent', intentPath[1], 'intent');
      if (method === 'GET' && !intentPath[2]) {
        refresh(intent);
        return ok(intent.json);
      }
      if (method === 'POST' && intentPath[2]) return cancelIntent(intent, form);
    }
    const sessionPath = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)(\/expire)?$/.exec(path);
    if (sessionPath?.[1]) {
      const session = sessions.get(sessionPath[1]);
      if (!session) return missing('checkout.session', sessionPath[1], 'session');
      if (method === 'GET' && !sessionPath[2]) return ok(publicSession(session));
      if (method === 'POST' && sessionPath[2]) {
        if (session.json.status !== 'open') {
          return invalid(
            'session',
            `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.json.status}".`,
            'checkout_session_unexpected_state',
          );
        }
        Object.assign(session.json, { status: 'expired', url: null });
        emit('checkout.session.expired', publicSession(session));
        return ok(publicSession(session));
      }
    }
    const all = [...intents.values()];
    for (const i of all) refresh(i);
    switch (`${method} ${path}`) {
      case 'POST /v1/payment_intents':
        return createIntent(form);
      case 'GET /v1/payment_intents':
        return list('/v1/payment_intents', all, form);
      case 'GET /v1/payment_intents/search':
        return searchIntents(str(form, 'query') ?? '');
      case 'POST /v1/refunds':
        return createRefund(form);
      case 'GET /v1/refunds': {
        const intentId = str(form, 'payment_intent');
        const rows = refunds.map((json) => ({ json }));
        return list('/v1/refunds', rows, form, (r) => !intentId || r.json.payment_intent === intentId);
      }
      case 'POST /v1/checkout/sessions':
        return createSession(form);
      case 'GET /v1/checkout/sessions': {
        const intentId = str(form, 'payment_intent');
        const rows = [...sessions.values()].map((s) => ({ json: publicSession(s) }));
        return list(
          '/v1/checkout/sessions',
          rows,
          form,
          (s) => !intentId || s.json.payment_intent === intentId,
        );
      }
      case 'GET /v1/account':
        return ok({
          id: 'acct_kasaFake',
          object: 'account',
          country: 'PL',
          default_currency: 'pln',
          charges_enabled: true,
          capabilities: { blik_payments: options.blikCapability ?? 'active', card_payments: 'active' },
          settings: { dashboard: { display_name: 'Kasa fake' } },
        });
      case 'GET /v1/balance':
        return ok({
          object: 'balance',
          livemode: false,
          available: [{ amount: 0, currency: 'pln' }],
          pending: [],
        });
      case 'GET /v1/webhook_endpoints':
        return ok({
          object: 'list',
          url: '/v1/webhook_endpoints',
          has_more: false,
          data: endpoints.map((e) => ({
            ...e,
            object: 'webhook_endpoint',
            status: 'enabled',
            livemode: false,
          })),
        });
      case 'POST /v1/webhook_endpoints': {
        const url = str(form, 'url');
        if (!url) return invalid('url', 'Missing required param: url.', 'parameter_missing');
        const endpoint = { id: id('we'), url, enabled_events: listOf(form, 'enabled_events') ?? ['*'] };
        endpoints.push(endpoint);
        // Stripe shows an endpoint's secret only when it is created.
        return ok({
          ...endpoint,
          object: 'webhook_endpoint',
          status: 'enabled',
          livemode: false,
          secret: webhookSecret,
        });
      }
      default:
        return fail(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${path}). The Kasa Stripe fake plays only the calls Kasa makes.`,
        });
    }
  }

  /** Stripe's hosted page, reduced to two buttons. */
  function payPage(req: FakeRequest, sessionId: string): FakeResponse {
    const session = sessions.get(sessionId);
    if (!session) return { status: 404, body: 'No such Checkout Session.' };
    if (req.method === 'POST') {
      const decision = new URLSearchParams(req.body).get('decision');
      if (decision === 'pay') paySession(session);
      const target =
        decision === 'pay' ? session.json.success_url : (session.json.cancel_url ?? session.json.success_url);
      return { status: 303, headers: { location: String(target) }, body: '' };
    }
    const amount = ((session.json.amount_total as number) / 100).toFixed(2).replace('.', ',');
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Stripe fake checkout</title><h1>Pay ${amount} zł by card (Stripe fake)</h1><form method="post"><button name="decision" value="pay">Pay</button> <button name="decision" value="back">Back to the shop</button></form></html>`,
    };
  }

  const server = await serveFake({
    faults,
    errorResponse: faultResponse,
    handler: route,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  baseUrl = server.url;
  const port = Number(new URL(server.url).port);

  const intentOf = (intentId: string): Intent => {
    const intent = intents.get(intentId);
    if (!intent) throw new RangeError(`The Stripe fake has no PaymentIntent ${intentId}.`);
    return intent;
  };
  const flush = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    url: server.url,
    port,
    secretKey,
    webhookSecret,
    faults,
    intents: () => [...intents.values()].map((i) => structuredClone(i.json)),
    refunds: () => structuredClone(refunds),
    events: () => structuredClone(events),
    deliveries: () => [...deliveries],
    async decide(intentId, answer) {
      const intent = intentOf(intentId);
      refresh(intent);
      if (intent.json.status !== 'requires_action') {
        throw new RangeError(
          `PaymentIntent ${intentId} is ${intent.json.status}, not awaiting the bank app.`,
        );
      }
      if (answer === 'approve') succeed(intent);
      else if (answer === 'decline') failIntent(intent, providerDecline('customer_declined'));
      else failIntent(intent, providerTimeout());
      await flush();
    },
    async payCheckout(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new RangeError(`The Stripe fake has no Checkout Session ${sessionId}.`);
      paySession(session);
      await flush();
    },
    async tick() {
      for (const intent of intents.values()) refresh(intent);
      await flush();
    },
    async resend(eventId) {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new RangeError(`The Stripe fake sent no event ${eventId}.`);
      return Promise.all(endpoints.map((e) => track(deliver(event, e.url))));
    },
    flush,
    async close() {
      closed = true;
      await flush();
      await server.close();
    },
  };
}
