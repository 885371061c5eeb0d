import type { CheckoutEvent } from '@kasa/core';

/** GA4 Measurement Protocol limits: at most 25 events per request, body under 130 kB. */
export const MP_MAX_EVENTS = 25;
export const MP_MAX_BYTES = 130_000;

export interface Ga4Options {
  readonly measurementId: string;
  readonly apiSecret: string;
  /** `https://www.google-analytics.com` in production; a local fake in tests. */
  readonly endpoint: string;
  /** Send to `/debug/mp/collect` and fail on validation messages (MP itself never reports errors). */
  readonly validate?: boolean;
  readonly fetch?: typeof fetch;
}

type Purchase = Extract<CheckoutEvent, { name: 'purchase' }>;

interface MpEvent {
  readonly name: 'purchase';
  readonly params: Record<string, unknown>;
}

/** Minor units to GA4's decimal value. */
const major = (minor: number) => minor / 100;

function toMpEvent(event: Purchase): MpEvent {
  const { params } = event;
  return {
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
    },
  };
}

/**
 * Splits events into request bodies: one client per body (MP requires it), at most 25 events and
 * under 130 kB each.
 */
export function mpBodies(purchases: readonly Purchase[]): string[] {
  const byClient = new Map<string, MpEvent[]>();
  for (const purchase of purchases) {
    // Without the browser's GA client id the server uses the anonymous visitor id, else the checkout.
    const client = purchase.visitorId ?? purchase.checkoutId ?? purchase.id;
    byClient.set(client, [...(byClient.get(client) ?? []), toMpEvent(purchase)]);
  }
  const bodies: string[] = [];
  for (const [clientId, events] of byClient) {
    let batch: MpEvent[] = [];
    const flush = () => {
      if (batch.length > 0) bodies.push(JSON.stringify({ client_id: clientId, events: batch }));
      batch = [];
    };
    for (const event of events) {
      const next = [...batch, event];
      if (
        next.length > MP_MAX_EVENTS ||
        JSON.stringify({ client_id: clientId, events: next }).length >= MP_MAX_BYTES
      ) {
        flush();
        batch = [event];
      } else {
        batch = next;
      }
    }
    flush();
  }
  return bodies;
}

/**
 * Forwards verified purchases (the server's own, from confirmed payments) to GA4, so a shop's GA4
 * counts sales even when the shopper's browser blocked its tags.
 */
export function createGa4Forwarder(options: Ga4Options) {
  const send = options.fetch ?? fetch;
  const path = options.validate ? '/debug/mp/collect' : '/mp/collect';
  const query = new URLSearchParams({ measurement_id: options.measurementId, api_secret: options.apiSecret });
  return {
    async forward(events: readonly CheckoutEvent[]): Promise<{ requests: number }> {
      const purchases = events.filter((event): event is Purchase => event.name === 'purchase');
      const bodies = mpBodies(purchases);
      for (const body of bodies) {
        const response = await send(`${options.endpoint}${path}?${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        if (!response.ok) throw new Error(`GA4 Measurement Protocol answered ${response.status}`);
        if (options.validate) {
          const { validationMessages = [] } = (await response.json()) as {
            validationMessages?: { description: string }[];
          };
          if (validationMessages.length > 0) {
            throw new Error(
              `GA4 refused the purchase: ${validationMessages.map((m) => m.description).join('; ')}`,
            );
          }
        }
      }
      return { requests: bodies.length };
    },
  };
}
