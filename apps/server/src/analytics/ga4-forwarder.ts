import { randomInt } from 'node:crypto';
import { type CheckoutEvent, isServerEvent } from '@kasa/core';
import type { Ga4Outbox, Ga4OutboxEntry } from '@kasa/storage';

/** GA4 Measurement Protocol limit: the body must be under 130 kB. One purchase per request stays far below. */
export const MP_MAX_BYTES = 130_000;
/** GA4 dates a hit at most 72 hours back: a purchase still unsent by then is given up. */
export const MP_MAX_AGE_MS = 72 * 60 * 60 * 1000;

export interface Ga4Options {
  readonly measurementId: string;
  readonly apiSecret: string;
  /** `https://www.google-analytics.com` in production (`…region1.google-analytics.com` for EU collection); a local fake in tests. */
  readonly endpoint: string;
  /** Send to `/debug/mp/collect` and log GA4's validation messages (MP itself never reports errors). */
  readonly validate?: boolean;
  /**
   * A purchase whose checkout had no analytics consent (no GA client id): `'anonymous'` sends it
   * with a random client id, no session and ad signals denied; `'skip'` sends nothing.
   */
  readonly withoutConsent?: 'anonymous' | 'skip';
}

type Purchase = Extract<CheckoutEvent, { name: 'purchase' }>;
/** What the tracker saw of the shopper's GA4 (only with analytics consent). */
export type GaContext = NonNullable<CheckoutEvent['ga']>;

/** Minor units to GA4's decimal value. */
const major = (minor: number) => minor / 100;
const signal = (value: 'granted' | 'denied') => (value === 'granted' ? 'GRANTED' : 'DENIED');

/** A client id in GA's own shape (`<random>.<seconds>`), new for each anonymous purchase. */
const anonymousClientId = (ts: number) => `${randomInt(1, 2 ** 31)}.${Math.floor(ts / 1000)}`;

/**
 * The GA4 context of a checkout: the one its latest browser event carried. A shopper who withdrew
 * consent sends later events without it, so their purchase is forwarded without it too.
 *
 * @example latestGaContext(await events.byCheckout('chk_1')); // { clientId: '123.1767225600', … }
 */
export function latestGaContext(events: readonly CheckoutEvent[]): GaContext | undefined {
  let latest: CheckoutEvent | undefined;
  for (const event of events) {
    if (!isServerEvent(event.name) && (!latest || event.ts >= latest.ts)) latest = event;
  }
  return latest?.ga;
}

/**
 * The Measurement Protocol body of one purchase: with the shopper's GA4 client id, session and ad
 * signals when the tracker had consent; else, with `withoutConsent: 'anonymous'`, a random client
 * id and ad signals denied; with `'skip'`, undefined. Nothing else about the shopper goes in.
 *
 * @example mpBody(purchase, { clientId: '123.1767225600', adUserData: 'denied', adPersonalization: 'denied' });
 */
export function mpBody(
  purchase: Purchase,
  ga: GaContext | undefined,
  options: Pick<Ga4Options, 'withoutConsent' | 'validate'> = {},
): string | undefined {
  if (!ga && options.withoutConsent === 'skip') return undefined;
  const { params } = purchase;
  return JSON.stringify({
    client_id: ga?.clientId ?? anonymousClientId(purchase.ts),
    timestamp_micros: purchase.ts * 1000,
    consent: {
      ad_user_data: signal(ga?.adUserData ?? 'denied'),
      ad_personalization: signal(ga?.adPersonalization ?? 'denied'),
    },
    ...(options.validate ? { validation_behavior: 'ENFORCE_RECOMMENDATIONS' } : {}),
    events: [
      {
        name: 'purchase',
        params: {
          transaction_id: params.transaction_id,
          currency: params.currency,
          value: major(params.value),
          shipping: major(params.shipping),
          tax: major(params.tax),
          items: params.items.map((item) => ({
            item_id: item.item_id,
            quantity: item.quantity,
            price: major(item.price),
          })),
          ...(params.payment_type ? { payment_type: params.payment_type } : {}),
          // GA4 joins the hit to the browser's session with both (its sending-events guide).
          ...(ga?.sessionId ? { session_id: ga.sessionId, engagement_time_msec: 1 } : {}),
        },
      },
    ],
  });
}

type Log = (fields: Record<string, unknown>, message: string) => void;

export interface Ga4ForwarderDeps {
  readonly options: Ga4Options;
  readonly outbox: Ga4Outbox;
  readonly logger: { readonly info: Log; readonly warn: Log; readonly debug: Log };
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** How often the background drain looks for due retries; default 15 s. */
  readonly pollMs?: number;
  /** First retry delay, doubled per failed attempt up to `maxRetryMs`; default 30 s and 1 h. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * Forwards verified purchases (the server's own, from confirmed payments) to GA4, so a shop's GA4
 * counts sales even when the shopper's browser blocked its tags. Each purchase is queued in the
 * SQLite outbox first and sent from there: a network error, a 429 or a 5xx is tried again with
 * exponential backoff (also after a restart) for up to 72 hours; a 4xx is logged and dropped.
 *
 * @example
 * const ga4 = createGa4Forwarder({ options: config.ga4, outbox: createSqliteGa4Outbox(db), logger });
 * ga4.start();
 * ga4.enqueue(purchase, latestGaContext(await events.byCheckout(purchase.checkoutId)));
 * await ga4.stop();
 */
export function createGa4Forwarder(deps: Ga4ForwarderDeps) {
  const { options, outbox, logger } = deps;
  const send = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const [pollMs, retryMs, maxRetryMs] = [
    deps.pollMs ?? 15_000,
    deps.retryMs ?? 30_000,
    deps.maxRetryMs ?? 3_600_000,
  ];
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const url = `${options.endpoint}${options.validate ? '/debug/mp/collect' : '/mp/collect'}?${new URLSearchParams(
    { measurement_id: options.measurementId, api_secret: options.apiSecret },
  )}`;
  let draining: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  /** A failure worth trying again: later, or never when GA4 would no longer take the hit's date. */
  const retry = (entry: Ga4OutboxEntry, cause: string) => {
    const at = now() + Math.min(retryMs * 2 ** entry.attempts, maxRetryMs);
    if (at - entry.queuedAt > MP_MAX_AGE_MS) {
      outbox.remove(entry.id);
      logger.warn({ id: entry.id, attempts: entry.attempts + 1, cause }, 'GA4 purchase given up after 72 h');
      return 'dropped' as const;
    }
    outbox.retryAt({ id: entry.id, at, error: cause });
    logger.warn(
      { id: entry.id, attempts: entry.attempts + 1, cause, retryAt: at },
      'GA4 send failed; will retry',
    );
    return 'retried' as const;
  };

  const deliver = async (entry: Ga4OutboxEntry): Promise<'sent' | 'retried' | 'dropped'> => {
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: entry.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return retry(entry, (error as Error).name || 'network error');
    }
    if (response.status === 429 || response.status >= 500) return retry(entry, `status ${response.status}`);
    outbox.remove(entry.id);
    if (!response.ok) {
      logger.warn({ id: entry.id, status: response.status }, 'GA4 refused the purchase; not retried');
      return 'dropped';
    }
    if (options.validate) {
      const answer = (await response.json().catch(() => ({}))) as {
        validationMessages?: { fieldPath?: string; description?: string; validationCode?: string }[];
      };
      const messages = (answer.validationMessages ?? []).map(
        ({ fieldPath, description, validationCode }) => ({
          fieldPath,
          description,
          validationCode,
        }),
      );
      if (messages.length > 0) logger.warn({ id: entry.id, messages }, 'GA4 validation messages');
      else logger.info({ id: entry.id }, 'GA4 validation passed');
    }
    return 'sent';
  };

  const drainOnce = async () => {
    const counts = { sent: 0, retried: 0, dropped: 0 };
    for (;;) {
      const entries = outbox.claim({ now: now(), leaseUntil: now() + timeoutMs * 6, limit: 25 });
      if (entries.length === 0) return counts;
      for (const entry of entries) counts[await deliver(entry)]++;
    }
  };

  /** Sends every due request (one drain at a time; a call during one runs another after it). */
  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        await drainOnce();
      } while (again);
    })()
      .catch((error: Error) => logger.warn({ err: { message: error.message } }, 'GA4 outbox not drained'))
      .finally(() => {
        draining = undefined;
      });
    return draining;
  };

  const tick = () => {
    timer = setTimeout(() => {
      void drain().finally(() => running && tick());
    }, pollMs);
    timer.unref();
  };

  return {
    /**
     * Queues a purchase for GA4 (once per purchase event id) and starts sending it; false when
     * nothing is queued (already queued, or no consent with `withoutConsent: 'skip'`).
     */
    enqueue(event: CheckoutEvent, ga: GaContext | undefined): boolean {
      if (event.name !== 'purchase') return false;
      const body = mpBody(event, ga, options);
      if (!body) {
        logger.debug(
          { id: event.id },
          'GA4: no analytics consent, purchase not forwarded (withoutConsent: skip)',
        );
        return false;
      }
      const added = outbox.add({ id: event.id, body, now: now() });
      if (added && running) void drain();
      return added;
    },
    drain,
    /** Drains now and then every `pollMs`, so what a previous run left is sent too. */
    start() {
      if (running) return;
      running = true;
      void drain();
      tick();
    },
    /** No new sends; resolves when the one under way is done (before the database closes). */
    async stop() {
      running = false;
      clearTimeout(timer);
      await draining;
    },
  };
}

export type Ga4Forwarder = ReturnType<typeof createGa4Forwarder>;
