import type {
  Money,
  PaymentAttempt,
  PaymentMethod,
  PaymentNotification,
  PaymentProvider,
  PaymentStatus,
  RawRequest,
  Refund,
  RefundRequest,
  StartPayment,
} from '@kasa/core';
import {
  BLIK_APPROVAL_WINDOW_MS,
  FINAL_PAYMENT_STATUSES,
  headerOf,
  KasaError,
  normaliseBlikCode,
} from '@kasa/core';
import Stripe from 'stripe';
import type { StripeConfig } from './config.ts';
import { isMissing, isStripeError, toKasaError } from './errors.ts';
import { intentStatus, type MappedStatus, sessionStatus } from './mapping.ts';

export const STRIPE_PROVIDER_ID = 'stripe';

/** The metadata key that ties a Stripe object to Kasa's attempt. */
export const ATTEMPT_METADATA_KEY = 'kasa_attempt_id';

/** The webhook events Kasa reads; the endpoint in the Dashboard needs these (or all events). */
export const KASA_WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.requires_action',
  'checkout.session.completed',
  'checkout.session.expired',
] as const;

/** Stripe's minimum charge in PLN: 2,00 zł. */
const MIN_PLN = 200;

/** How many list pages `statusByAttemptId` reads at most (100 intents each). */
const MAX_LIST_PAGES = 10;

export interface StripeProviderOptions {
  readonly config: StripeConfig;
  /**
   * Where Kasa takes Stripe's webhooks. Used only against a fake (`config.apiUrl` set), where the
   * provider registers it as a webhook endpoint, as the merchant does once in the Dashboard.
   */
  readonly notifyUrl?: string;
  /** The SDK's own retries of a failed call (same idempotency key); default 2. */
  readonly maxNetworkRetries?: number;
  /** The bank-app window counted from the intent's creation; default BLIK_APPROVAL_WINDOW_MS. */
  readonly approvalWindowMs?: number;
  /**
   * How far back `statusByAttemptId` lists intents when search has not indexed one yet (Stripe's
   * search lags "under a minute", up to an hour in an outage); default 70 minutes.
   */
  readonly lookbackMs?: number;
  readonly now?: () => number;
  /** Overrides `config.timeoutMs` (tests use a short one). */
  readonly timeoutMs?: number;
}

export interface StripePaymentProvider extends PaymentProvider {
  /** The SDK client, for `diagnose()` and tests. */
  readonly stripe: Stripe;
}

/** The SDK pointed at Stripe, or at `apiUrl` (a fake). */
export function createStripeClient(
  config: StripeConfig,
  maxNetworkRetries = 2,
  timeoutMs = config.timeoutMs,
): Stripe {
  const api = config.apiUrl ? new URL(config.apiUrl) : undefined;
  const protocol = api?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.secretKey, {
    maxNetworkRetries,
    timeout: timeoutMs,
    telemetry: false,
    appInfo: { name: 'Kasa', url: 'https://github.com/kasa' },
    ...(api ? { host: api.hostname, port: api.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}

/**
 * The PaymentProvider for Stripe: BLIK (Level 0, the code typed in Kasa's form) as a PaymentIntent in
 * PLN created and confirmed in one call, and, when the merchant turns `cards` on, cards on Stripe's
 * own Checkout page. Every start carries `metadata.kasa_attempt_id` and an `Idempotency-Key` per
 * attempt, so a retried start never makes a second intent; a declined code is a result; a webhook is
 * verified by the SDK over the raw body and then the object is read back from Stripe.
 *
 * @example
 * const provider = createStripePaymentProvider({ config: stripeConfigSchema.parse({ secretKey, webhookSecret }) });
 * const attempt = await provider.start({ ...input, method: blik, blikCode: '777123' }); // awaiting_confirmation
 */
export function createStripePaymentProvider(options: StripeProviderOptions): StripePaymentProvider {
  const { config } = options;
  const stripe = createStripeClient(
    config,
    options.maxNetworkRetries ?? 2,
    options.timeoutMs ?? config.timeoutMs,
  );
  const windowMs = options.approvalWindowMs ?? BLIK_APPROVAL_WINDOW_MS;
  const lookbackMs = options.lookbackMs ?? 70 * 60_000;
  const now = options.now ?? Date.now;

  const fromIntent = (intent: Stripe.PaymentIntent): MappedStatus => intentStatus(intent, windowMs);
  const asStatus = (providerRef: string, mapped: MappedStatus): PaymentStatus => ({
    providerRef,
    status: mapped.status,
    ...(mapped.reason === undefined ? {} : { reason: mapped.reason }),
    ...(mapped.confirmBy === undefined ? {} : { confirmBy: mapped.confirmBy }),
  });

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toKasaError(error, operation);
    }
  }

  /** A read that answers undefined for an id Stripe does not have. */
  async function read<T>(operation: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw toKasaError(error, operation);
    }
  }

  // Against a fake, the endpoint a merchant would add in the Dashboard is added once by Kasa.
  let endpointReady: Promise<void> | undefined;
  function ensureFakeEndpoint(): Promise<void> {
    const url = options.notifyUrl;
    if (!config.apiUrl || !url) return Promise.resolve();
    endpointReady ??= (async () => {
      const existing = await stripe.webhookEndpoints.list({ limit: 100 });
      if (!existing.data.some((e) => e.url === url)) {
        await stripe.webhookEndpoints.create({
          url,
          enabled_events: [...KASA_WEBHOOK_EVENTS],
        });
      }
    })().catch((error: unknown) => {
      endpointReady = undefined;
      throw toKasaError(error, 'webhook_endpoints');
    });
    return endpointReady;
  }

  async function startBlik(input: StartPayment): Promise<PaymentAttempt> {
    const code = normaliseBlikCode(input.blikCode ?? '');
    if (!code.ok) throw new KasaError('blik_code_format', { field: 'blikCode' });
    if (input.amount.currency !== 'PLN') {
      throw new KasaError('payment_method_unavailable', {
        details: { kind: 'blik', currency: input.amount.currency },
      });
    }
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: input.amount.amount,
          currency: 'pln',
          // From API 2026-09-30.endive (the SDK's) `payment_method_types` is read-only; this replaces it.
          allowed_payment_method_types: ['blik'],
          confirm: true,
          payment_method_data: { type: 'blik' },
          payment_method_options: { blik: { code: code.value } },
          description: input.description,
          metadata: { [ATTEMPT_METADATA_KEY]: input.attemptId, kasa_order_id: input.orderId },
        },
        { idempotencyKey: `kasa-start-${input.attemptId}` },
      );
      // A replayed answer is the intent as it was then; the shop wants it as it is now.
      if (
        (intent as Stripe.Response<Stripe.PaymentIntent>).lastResponse?.headers?.['idempotent-replayed'] ===
        'true'
      ) {
        intent = await stripe.paymentIntents.retrieve(intent.id);
      }
    } catch (error) {
      // A code refused at confirmation comes back as an error carrying the intent: a result.
      const refused = isStripeError(error)
        ? (error.payment_intent as Stripe.PaymentIntent | undefined)
        : undefined;
      if (!refused?.id) throw toKasaError(error, 'payment_intents.create');
      intent = refused;
    }
    return { attemptId: input.attemptId, ...asStatus(intent.id, fromIntent(intent)) };
  }

  async function startCard(input: StartPayment): Promise<PaymentAttempt> {
    const session = await call('checkout.sessions.create', () =>
      stripe.checkout.sessions.create(
        {
          mode: 'payment',
          allowed_payment_method_types: ['card'],
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.amount.currency.toLowerCase(),
                unit_amount: input.amount.amount,
                product_data: { name: input.description },
              },
            },
          ],
          success_url: input.returnUrl,
          cancel_url: input.returnUrl,
          client_reference_id: input.attemptId,
          metadata: { [ATTEMPT_METADATA_KEY]: input.attemptId },
          payment_intent_data: {
            description: input.description,
            metadata: {
              [ATTEMPT_METADATA_KEY]: input.attemptId,
              kasa_order_id: input.orderId,
              kasa_method: 'card',
            },
          },
        },
        { idempotencyKey: `kasa-start-${input.attemptId}` },
      ),
    );
    const mapped = sessionStatus(session);
    return {
      attemptId: input.attemptId,
      ...asStatus(session.id, mapped),
      ...(mapped.redirectUrl ? { redirectUrl: mapped.redirectUrl } : {}),
    };
  }

  async function status(providerRef: string): Promise<PaymentStatus | undefined> {
    if (providerRef.startsWith('cs_')) {
      const session = await read('checkout.sessions.retrieve', () =>
        stripe.checkout.sessions.retrieve(providerRef),
      );
      return session && asStatus(session.id, sessionStatus(session));
    }
    if (!providerRef.startsWith('pi_')) return undefined;
    const intent = await read('payment_intents.retrieve', () => stripe.paymentIntents.retrieve(providerRef));
    return intent && asStatus(intent.id, fromIntent(intent));
  }

  /** The Checkout Session that made a card intent (its providerRef in Kasa). */
  async function sessionOfIntent(intentId: string): Promise<Stripe.Checkout.Session | undefined> {
    const sessions = await call('checkout.sessions.list', () =>
      stripe.checkout.sessions.list({ payment_intent: intentId, limit: 1 }),
    );
    return sessions.data[0];
  }

  async function byIntent(intent: Stripe.PaymentIntent): Promise<PaymentStatus> {
    if (intent.metadata?.kasa_method === 'card') {
      const session = await sessionOfIntent(intent.id);
      if (session) return asStatus(session.id, sessionStatus(session));
    }
    return asStatus(intent.id, fromIntent(intent));
  }

  async function findIntent(attemptId: string): Promise<Stripe.PaymentIntent | undefined> {
    const matches = (i: Stripe.PaymentIntent) => i.metadata?.[ATTEMPT_METADATA_KEY] === attemptId;
    // Search first (one call); it lags behind by up to a minute, so then the list, which does not.
    if (/^[\w-]{1,200}$/.test(attemptId)) {
      try {
        const found = await stripe.paymentIntents.search({
          query: `metadata['${ATTEMPT_METADATA_KEY}']:'${attemptId}'`,
          limit: 10,
        });
        const hit = found.data.find(matches);
        if (hit) return hit;
      } catch (error) {
        // Search is not offered everywhere (Stripe: not to merchants in India): the list still answers.
        if (!isStripeError(error) || error.statusCode !== 400)
          throw toKasaError(error, 'payment_intents.search');
      }
    }
    const gte = Math.floor((now() - lookbackMs) / 1000);
    let pages = 0;
    let startingAfter: string | undefined;
    while (pages < MAX_LIST_PAGES) {
      const page = await call('payment_intents.list', () =>
        stripe.paymentIntents.list({
          created: { gte },
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        }),
      );
      const hit = page.data.find(matches);
      if (hit) return hit;
      if (!page.has_more || page.data.length === 0) return undefined;
      startingAfter = page.data.at(-1)?.id;
      pages += 1;
    }
    return undefined;
  }

  async function findSession(attemptId: string): Promise<Stripe.Checkout.Session | undefined> {
    const gte = Math.floor((now() - lookbackMs) / 1000);
    const page = await call('checkout.sessions.list', () =>
      stripe.checkout.sessions.list({ created: { gte }, limit: 100 }),
    );
    return page.data.find((s) => s.client_reference_id === attemptId);
  }

  return {
    id: STRIPE_PROVIDER_ID,
    stripe,

    methods({ amount }: { amount: Money; country: string }): PaymentMethod[] {
      if (amount.amount <= 0) return [];
      const methods: PaymentMethod[] = [];
      if (amount.currency === 'PLN' && amount.amount >= MIN_PLN) {
        methods.push({ id: 'blik', kind: 'blik', provider: STRIPE_PROVIDER_ID, label: 'BLIK' });
      }
      if (config.cards && (amount.currency !== 'PLN' || amount.amount >= MIN_PLN)) {
        methods.push({ id: 'card', kind: 'card', provider: STRIPE_PROVIDER_ID, label: 'Karta płatnicza' });
      }
      return methods;
    },

    async start(input) {
      await ensureFakeEndpoint();
      if (input.method.kind === 'blik') return startBlik(input);
      if (input.method.kind === 'card' && config.cards) return startCard(input);
      throw new KasaError('payment_method_unavailable', {
        details: { kind: input.method.kind, provider: 'stripe' },
      });
    },

    status,

    async statusByAttemptId(attemptId) {
      const intent = await findIntent(attemptId);
      if (intent) return byIntent(intent);
      if (!config.cards) return undefined;
      const session = await findSession(attemptId);
      return session && asStatus(session.id, sessionStatus(session));
    },

    async cancel(providerRef) {
      const current = await status(providerRef);
      if (current === undefined || FINAL_PAYMENT_STATUSES.has(current.status)) return current;
      try {
        if (providerRef.startsWith('cs_')) await stripe.checkout.sessions.expire(providerRef);
        else await stripe.paymentIntents.cancel(providerRef, { cancellation_reason: 'abandoned' });
      } catch (error) {
        // It moved on meanwhile (paid a moment ago): what it is now is the answer.
        if (!isStripeError(error) || error.statusCode !== 400) throw toKasaError(error, 'cancel');
      }
      return status(providerRef);
    },

    /**
     * Verifies the event with the SDK over the raw body and answers what it claims about the
     * payment. It is never believed alone: the server reads `status()` before anything changes.
     */
    async verifyNotification(req: RawRequest): Promise<PaymentNotification> {
      const signature = headerOf(req, 'stripe-signature');
      if (!signature) {
        throw new KasaError('notification_invalid', {
          details: { provider: 'stripe', reason: 'no Stripe-Signature header' },
        });
      }
      let event: Stripe.Event;
      try {
        // Stripe's 5-minute tolerance, on the provider's clock.
        event = stripe.webhooks.constructEvent(
          req.body,
          signature,
          config.webhookSecret,
          undefined,
          undefined,
          now(),
        );
      } catch {
        throw new KasaError('notification_invalid', {
          details: {
            provider: 'stripe',
            reason: 'signature mismatch or too old',
            hint: 'Check KASA_STRIPE_WEBHOOK_SECRET is the signing secret of this endpoint (Stripe Dashboard › Developers › Webhooks).',
          },
        });
      }
      const object = event.data.object as unknown as Record<string, unknown>;
      if (object.object === 'checkout.session') {
        const session = object as unknown as Stripe.Checkout.Session;
        return {
          providerRef: session.id,
          status: sessionStatus(session).status,
          ...(session.client_reference_id ? { attemptId: session.client_reference_id } : {}),
        };
      }
      if (object.object === 'payment_intent') {
        const intent = object as unknown as Stripe.PaymentIntent;
        const attemptId = intent.metadata?.[ATTEMPT_METADATA_KEY];
        const claim = await byIntent(intent);
        return { providerRef: claim.providerRef, status: claim.status, ...(attemptId ? { attemptId } : {}) };
      }
      throw new KasaError('payment_not_found', {
        details: {
          provider: 'stripe',
          eventType: event.type,
          hint: `Kasa reads ${KASA_WEBHOOK_EVENTS.join(', ')}; select only those for this endpoint.`,
        },
      });
    },

    async refund({ providerRef, reason }: RefundRequest): Promise<Refund> {
      let intentId: string | undefined = providerRef;
      if (providerRef.startsWith('cs_')) {
        const session = await read('checkout.sessions.retrieve', () =>
          stripe.checkout.sessions.retrieve(providerRef),
        );
        const pi = session?.payment_intent;
        intentId = typeof pi === 'string' ? pi : pi?.id;
      }
      const intent =
        intentId?.startsWith('pi_') === true
          ? await read('payment_intents.retrieve', () => stripe.paymentIntents.retrieve(intentId as string))
          : undefined;
      if (intent?.status !== 'succeeded') {
        throw new KasaError('payment_not_found', {
          details: { providerRef, hint: 'Only a paid attempt is refunded.' },
        });
      }
      // Idempotency keys live 24 h at Stripe; a refund already made is found by listing, whenever asked.
      const made = async () => {
        const list = await call('refunds.list', () =>
          stripe.refunds.list({ payment_intent: intent.id, limit: 10 }),
        );
        return list.data.find((r) => r.status !== 'failed' && r.status !== 'canceled');
      };
      const earlier = await made();
      if (earlier) return { refundRef: earlier.id };
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: intent.id, reason: 'requested_by_customer', metadata: { kasa_reason: reason } },
          { idempotencyKey: `kasa-refund-${intent.id}` },
        );
        return { refundRef: refund.id };
      } catch (error) {
        if (isStripeError(error) && error.code === 'charge_already_refunded') {
          const again = await made();
          if (again) return { refundRef: again.id };
        }
        throw toKasaError(error, 'refunds.create');
      }
    },
  };
}
