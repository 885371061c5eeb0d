import { createHash } from 'node:crypto';
import type {
  Money,
  PaymentAttempt,
  PaymentKind,
  PaymentMethod,
  PaymentNotification,
  PaymentProvider,
  PaymentStatus,
  RawRequest,
  Refund,
  RefundRequest,
  StartPayment,
} from '@kasa/core';
import { BLIK_APPROVAL_WINDOW_MS, headerOf, KasaError, RecentMap } from '@kasa/core';
import { z } from 'zod';
import { createP24Client, type P24Client, type P24Refusal, type P24Transaction } from './client.ts';
import { PANEL, type Przelewy24Config } from './config.ts';
import { P24_PROCESSOR_NOTICE } from './consent.ts';
import { blikNotificationSign, notificationSign, refundNotificationSign, signMatches } from './sign.ts';
import {
  BLIK_REFUSED,
  blikResultOutcome,
  type LocalAttempt,
  mapP24Status,
  type Outcome,
  P24_STATUS,
  parseP24Date,
} from './status.ts';

export const P24_PROVIDER_ID = 'przelewy24';

/** P24 `channel` per Kasa method kind (documented bit values). */
const CHANNEL: Partial<Record<PaymentKind, number>> = { blik: 8192, pbl: 64, card: 1 };

const METHODS: readonly { kind: PaymentKind; label: string }[] = [
  { kind: 'blik', label: 'BLIK' },
  { kind: 'pbl', label: 'Przelewy24: szybki przelew' },
  { kind: 'card', label: 'Karta płatnicza (Przelewy24)' },
];

export interface Przelewy24ProviderOptions {
  readonly config: Przelewy24Config;
  readonly fetch?: typeof fetch;
  /** Where P24 sends refund notifications; without it, to the default address set in P24's panel. */
  readonly refundNotifyUrl?: string;
  /** Ids and codes only. */
  readonly log?: (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string) => void;
  /** The clock; tests move it to end a BLIK window without waiting. */
  readonly now?: () => number;
  /** How long the shopper has to approve BLIK in the bank app. Default 60 s. */
  readonly approvalWindowMs?: number;
}

/** The Przelewy24 PaymentProvider plus the client, for `kasa doctor` and tests. */
export interface Przelewy24Provider extends PaymentProvider {
  readonly id: typeof P24_PROVIDER_ID;
  readonly client: P24Client;
  refund(input: RefundRequest): Promise<Refund>;
}

/** Refund ids follow from the session id, so a second refund of an attempt repeats the same request. */
export function refundIdsOf(sessionId: string): { requestId: string; refundsUuid: string } {
  const hex = createHash('sha256').update(`kasa-refund:${sessionId}`).digest('hex');
  return { requestId: `kasa-${hex.slice(0, 40)}`, refundsUuid: hex.slice(0, 35) };
}

const transactionNotificationSchema = z.object({
  merchantId: z.number().int(),
  posId: z.number().int(),
  sessionId: z.string().min(1),
  amount: z.number().int(),
  originAmount: z.number().int(),
  currency: z.string(),
  orderId: z.number().int(),
  methodId: z.number().int(),
  statement: z.string(),
  sign: z.string(),
});

const blikNotificationSchema = z.object({
  orderId: z.number().int(),
  sessionId: z.string().min(1),
  method: z.number().int(),
  result: z.looseObject({ error: z.union([z.string(), z.number()]) }),
  sign: z.string(),
});

const refundNotificationSchema = z.object({
  orderId: z.number().int(),
  sessionId: z.string().min(1),
  merchantId: z.number().int(),
  refundsUuid: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.number().int(),
  sign: z.string(),
});

const invalid = (why: string) =>
  new KasaError('notification_invalid', { details: { provider: P24_PROVIDER_ID, why } });

const errorText = (refusal: P24Refusal): string =>
  typeof refusal.error === 'string' ? refusal.error : JSON.stringify(refusal.error ?? null);

/**
 * Przelewy24 behind Kasa's PaymentProvider port. `sessionId` is Kasa's attempt id, and it is also
 * the provider reference: P24 answers status by session id, and assigns its numeric `orderId` only
 * at payment. A payment is `paid` only after `PUT /transaction/verify` succeeded (P24 settles nothing
 * unverified); verify runs at most once per transaction in this process (concurrent callers share it)
 * and never again once P24 reports the payment made.
 *
 * @example
 * const p24 = createPrzelewy24Provider({ config });
 * const attempt = await p24.start({ ...input, method: blik, blikCode: '777123' }); // awaiting_confirmation
 */
export function createPrzelewy24Provider(options: Przelewy24ProviderOptions): Przelewy24Provider {
  const { config } = options;
  const now = options.now ?? Date.now;
  const windowMs = options.approvalWindowMs ?? BLIK_APPROVAL_WINDOW_MS;
  const log = options.log ?? (() => undefined);
  const client = createP24Client(config, options.fetch);
  /** What this process knows of its attempts (bounded); P24 is the truth for everything paid. */
  const local = new RecentMap<string, LocalAttempt>(10_000);
  const verifying = new Map<string, Promise<void>>();
  const verified = new RecentMap<string, true>(10_000);

  const remember = (sessionId: string, patch: LocalAttempt) =>
    local.set(sessionId, { ...local.get(sessionId), ...patch });

  /**
   * Whether a method sends `regulationAccept`, so Kasa's page asks P24's consent: BLIK never reaches
   * P24's page, so always; redirect methods when configured.
   */
  const asksConsent = (kind: PaymentKind) => kind === 'blik' || config.regulationAccept;

  function methods(input: { amount: Money; country: string }): PaymentMethod[] {
    if (input.amount.amount <= 0 || input.amount.currency !== 'PLN') return [];
    return METHODS.map((m) => ({
      id: m.kind,
      kind: m.kind,
      provider: P24_PROVIDER_ID,
      label: m.label,
      ...(asksConsent(m.kind) ? { processorNotice: { ...P24_PROCESSOR_NOTICE } } : {}),
    }));
  }

  /** PUT /transaction/verify, once: without it P24 never settles the money. */
  function ensureVerified(tx: P24Transaction): Promise<void> {
    if (verified.has(tx.sessionId)) return Promise.resolve();
    const running = verifying.get(tx.sessionId);
    if (running) return running;
    const job = (async () => {
      const orderId = tx.orderId;
      if (orderId === undefined || orderId <= 0) {
        throw new KasaError('upstream_unavailable', {
          details: { provider: P24_PROVIDER_ID, operation: 'transaction/verify', cause: 'no_order_id' },
        });
      }
      const amount = local.get(tx.sessionId)?.amount ?? tx.amount;
      const answer = await client.verify({ sessionId: tx.sessionId, orderId, amount, currency: tx.currency });
      if (!answer.ok) {
        // Another process may have verified it meanwhile: P24's own status decides.
        const again = await client.transactionBySessionId(tx.sessionId);
        if (again?.status !== P24_STATUS.made && again?.status !== P24_STATUS.returned) {
          log(
            'error',
            { sessionId: tx.sessionId, orderId, status: answer.status },
            'przelewy24 verify refused',
          );
          throw new KasaError('upstream_unavailable', {
            details: {
              provider: P24_PROVIDER_ID,
              operation: 'transaction/verify',
              status: answer.status,
              error: errorText(answer),
              hint: `P24 refused to verify the payment; check KASA_P24_CRC (${PANEL.crc}).`,
            },
          });
        }
      }
      verified.set(tx.sessionId, true);
      log('info', { sessionId: tx.sessionId, orderId }, 'przelewy24 payment verified');
    })().finally(() => verifying.delete(tx.sessionId));
    verifying.set(tx.sessionId, job);
    return job;
  }

  /**
   * What this process knows of an attempt; after a restart (nothing known) an unpaid transaction is
   * taken for a BLIK attempt whose window started at P24's registration `date`, so it still ends.
   */
  function knownOf(tx: P24Transaction): LocalAttempt | undefined {
    const known = local.get(tx.sessionId);
    if (known !== undefined || tx.status !== P24_STATUS.none) return known;
    const registeredAt = parseP24Date(tx.date);
    if (registeredAt === undefined) return undefined;
    const recovered: LocalAttempt = { kind: 'blik', confirmBy: registeredAt + windowMs };
    local.set(tx.sessionId, recovered);
    return recovered;
  }

  async function outcomeOf(tx: P24Transaction): Promise<Outcome> {
    const mapped = mapP24Status(tx.status, knownOf(tx), now());
    if (mapped !== 'verify') return mapped;
    await ensureVerified(tx);
    return { status: 'paid' };
  }

  function toStatus(sessionId: string, outcome: Outcome): PaymentStatus {
    // confirmBy: the window's end, from this process or recovered from P24's registration date.
    const confirmBy = local.get(sessionId)?.confirmBy;
    return {
      providerRef: sessionId,
      status: outcome.status,
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      ...(confirmBy === undefined ? {} : { confirmBy }),
    };
  }

  async function status(sessionId: string): Promise<PaymentStatus | undefined> {
    const tx = await client.transactionBySessionId(sessionId);
    if (tx === undefined) return undefined;
    return toStatus(sessionId, await outcomeOf(tx));
  }

  function payerEmail(input: StartPayment): string {
    const email = input.payerEmail ?? config.payerEmailFallback;
    if (email) return email;
    throw new KasaError('platform_config_invalid', {
      details: {
        provider: P24_PROVIDER_ID,
        issues: [
          {
            path: 'payments.payerEmailFallback',
            message:
              'Przelewy24 requires an e-mail with every transaction: set payments.payerEmailFallback to the shop’s address.',
          },
        ],
      },
    });
  }

  /**
   * The attempt by Kasa's id. A BLIK registration P24 never charged (no order at P24, the charge
   * refused or cut off before it arrived) is undefined: P24 never got the payment, so the server may
   * start it again, and start() then charges the same registration.
   */
  async function statusByAttemptId(sessionId: string): Promise<PaymentStatus | undefined> {
    const tx = await client.transactionBySessionId(sessionId);
    if (tx === undefined) return undefined;
    const known = local.get(sessionId);
    const chargedAtP24 = (tx.orderId ?? 0) > 0 || tx.status !== P24_STATUS.none;
    if (chargedAtP24 && known?.kind === 'blik' && !known.charged) remember(sessionId, { charged: true });
    if (!chargedAtP24 && known?.kind === 'blik' && !known.charged && !known.refusal) return undefined;
    return toStatus(sessionId, await outcomeOf(tx));
  }

  async function start(input: StartPayment): Promise<PaymentAttempt> {
    const sessionId = input.attemptId;
    const known = local.get(sessionId);
    if (known?.charged || known?.refusal || known?.cancelled) {
      const current = await status(sessionId);
      if (current) return { attemptId: sessionId, ...current };
    }
    const kind = input.method.kind;
    if (!methods({ amount: input.amount, country: 'PL' }).some((m) => m.kind === kind)) {
      throw new KasaError('payment_method_unavailable', { details: { kind } });
    }
    const email = payerEmail(input);
    // Remembered before P24 hears of it: whatever cuts the start off, status() knows the kind.
    remember(sessionId, { kind, amount: input.amount.amount });
    const isBlik = kind === 'blik';
    // Told to P24 only when the shopper ticked P24's consent (the server starts no such method without it).
    const regulationAccept = asksConsent(kind) && input.processorConsent === true;
    let token = known?.token;
    if (token === undefined) {
      const registered = await client.register({
        sessionId,
        amount: input.amount.amount,
        currency: input.amount.currency,
        description: input.description,
        email,
        country: 'PL',
        language: 'pl',
        urlReturn: input.returnUrl,
        urlStatus: input.notifyUrl,
        ...(CHANNEL[kind] === undefined ? {} : { channel: CHANNEL[kind] }),
        regulationAccept,
        ...(isBlik
          ? { urlCardPaymentNotification: input.notifyUrl, additional: { PSU: { IP: input.customerIp } } }
          : { waitForResult: true }),
      });
      if (!registered.ok) {
        log('error', { sessionId, status: registered.status }, 'przelewy24 refused the registration');
        throw new KasaError('platform_config_invalid', {
          details: {
            provider: P24_PROVIDER_ID,
            operation: 'transaction/register',
            status: registered.status,
            error: errorText(registered),
            hint: `Przelewy24 refused the transaction: a wrong sign means a wrong KASA_P24_CRC (${PANEL.crc}) or KASA_P24_MERCHANT_ID (${PANEL.merchantId}).`,
          },
        });
      }
      token = registered.data.token;
      remember(sessionId, { token });
    }
    if (!isBlik) {
      return {
        attemptId: sessionId,
        providerRef: sessionId,
        status: 'redirect',
        redirectUrl: client.paymentPageUrl(token),
      };
    }
    remember(sessionId, { confirmBy: now() + windowMs });
    // The code goes to P24 and nowhere else: not kept, not logged, not in an error's details.
    const charged = await client.chargeByCode({ token, blikCode: input.blikCode ?? '' });
    if (!charged.ok) {
      remember(sessionId, { refusal: BLIK_REFUSED });
      log('info', { sessionId, status: charged.status }, 'przelewy24 refused the BLIK code');
      return { attemptId: sessionId, ...toStatus(sessionId, BLIK_REFUSED) };
    }
    remember(sessionId, { charged: true });
    return { attemptId: sessionId, ...toStatus(sessionId, { status: 'awaiting_confirmation' }) };
  }

  function parseBody(req: RawRequest): Record<string, unknown> {
    let json: unknown;
    try {
      json = JSON.parse(req.body);
    } catch {
      throw invalid('not_json');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw invalid('not_an_object');
    // The BLIK result's schema in P24's OpenAPI wraps the fields in `data`; the prose does not.
    const record = json as Record<string, unknown>;
    const data = record.data;
    if (!('sign' in record) && data !== null && typeof data === 'object' && !Array.isArray(data)) {
      return data as Record<string, unknown>;
    }
    return record;
  }

  async function verifyNotification(req: RawRequest): Promise<PaymentNotification> {
    // P24 signs fields, not bytes, so the envelope is checked too: JSON as documented, and the body
    // as long as the sender said (when it said, without a content encoding).
    if (!/^application\/json\b/i.test(headerOf(req, 'content-type') ?? '')) throw invalid('content_type');
    const length = headerOf(req, 'content-length');
    if (
      length !== undefined &&
      headerOf(req, 'content-encoding') === undefined &&
      Number(length) !== Buffer.byteLength(req.body, 'utf8')
    ) {
      throw invalid('content_length');
    }
    const body = parseBody(req);
    if ('result' in body) {
      const n = blikNotificationSchema.safeParse(body);
      if (!n.success) throw invalid('blik_shape');
      if (!signMatches(n.data.sign, blikNotificationSign(n.data, config.crc))) throw invalid('sign');
      const refusal = blikResultOutcome(n.data.result.error);
      if (refusal) remember(n.data.sessionId, { refusal });
      return {
        providerRef: n.data.sessionId,
        attemptId: n.data.sessionId,
        status: refusal ? refusal.status : 'awaiting_confirmation',
      };
    }
    if ('refundsUuid' in body) {
      const n = refundNotificationSchema.safeParse(body);
      if (!n.success) throw invalid('refund_shape');
      if (n.data.merchantId !== config.merchantId) throw invalid('merchant');
      if (!signMatches(n.data.sign, refundNotificationSign(n.data, config.crc))) throw invalid('sign');
      return { providerRef: n.data.sessionId, attemptId: n.data.sessionId, status: 'paid' };
    }
    const n = transactionNotificationSchema.safeParse(body);
    if (!n.success) throw invalid('transaction_shape');
    if (n.data.merchantId !== config.merchantId || n.data.posId !== config.posId) throw invalid('merchant');
    if (!signMatches(n.data.sign, notificationSign(n.data, config.crc))) throw invalid('sign');
    // Believed only as a cue: the server asks status(), which reads P24 and verifies.
    return { providerRef: n.data.sessionId, attemptId: n.data.sessionId, status: 'paid' };
  }

  async function cancel(sessionId: string): Promise<PaymentStatus | undefined> {
    const tx = await client.transactionBySessionId(sessionId);
    if (tx === undefined) return undefined;
    const current = await outcomeOf(tx);
    if (
      current.status !== 'awaiting_confirmation' &&
      current.status !== 'redirect' &&
      current.status !== 'pending'
    ) {
      return toStatus(sessionId, current);
    }
    // P24's API cannot cancel a registered transaction: Kasa stops waiting; money that still comes is paid.
    remember(sessionId, { cancelled: true });
    return toStatus(sessionId, { status: 'cancelled', reason: 'payment_cancelled' });
  }

  async function refund({ providerRef, reason }: RefundRequest): Promise<Refund> {
    const notPaid = () =>
      new KasaError('payment_not_found', {
        details: { providerRef, hint: 'Only a paid Przelewy24 transaction is refunded.' },
      });
    const tx = await client.transactionBySessionId(providerRef);
    if (tx === undefined || tx.status === P24_STATUS.none || !tx.orderId) throw notPaid();
    const ids = refundIdsOf(providerRef);
    if (tx.status === P24_STATUS.returned) return { refundRef: ids.refundsUuid };
    if (tx.status === P24_STATUS.advance) await ensureVerified(tx);
    const answer = await client.refund({
      ...ids,
      orderId: tx.orderId,
      sessionId: providerRef,
      amount: tx.amount,
      description: reason.slice(0, 35),
      ...(options.refundNotifyUrl ? { urlStatus: options.refundNotifyUrl } : {}),
    });
    if (answer.ok || (answer.status === 400 && errorText(answer) === 'Request already exists')) {
      log(
        'info',
        { sessionId: providerRef, orderId: tx.orderId, refundsUuid: ids.refundsUuid },
        'przelewy24 refund requested',
      );
      return { refundRef: ids.refundsUuid };
    }
    const again = await client.transactionBySessionId(providerRef);
    if (again?.status === P24_STATUS.returned) return { refundRef: ids.refundsUuid };
    if (answer.status === 400 && errorText(answer) === 'Concurrent call') {
      throw new KasaError('upstream_unavailable', {
        details: { provider: P24_PROVIDER_ID, operation: 'transaction/refund', cause: 'concurrent_call' },
      });
    }
    log('error', { sessionId: providerRef, status: answer.status }, 'przelewy24 refused the refund');
    throw new KasaError('payment_failed', {
      details: {
        provider: P24_PROVIDER_ID,
        operation: 'transaction/refund',
        status: answer.status,
        error: errorText(answer),
      },
    });
  }

  return {
    id: P24_PROVIDER_ID,
    client,
    methods,
    start,
    status,
    statusByAttemptId,
    cancel,
    verifyNotification,
    refund,
  };
}
