import { KasaError, type PlacedOrder, type PlaceOrderInput } from '@kasa/core';
import type { AdminClient } from './client.ts';
import { ATTR, attributeOf, checkoutTag, orderCreateVariables, parseOrder, placedOf } from './orders.ts';

/** The userError Shopify gives a trial or development store past 5 orders a minute (worded loosely: not seen live). */
const TRIAL_LIMIT = /(5|five) (new )?orders (per|a) minute|too many orders|order creation limit/i;

/**
 * The order placed for a Kasa checkout, found by its tag and checked by its `kasa_checkout_id`
 * attribute; undefined when Shopify has none.
 *
 * @example await findPlaced(admin, 'chk_1'); // { id: '5001001', number: '1001', … } or undefined
 */
export async function findPlaced(admin: AdminClient, checkoutId: string): Promise<PlacedOrder | undefined> {
  const { data } = await admin.request<{ orders?: { nodes?: unknown[] } }>('KasaOrdersByTag', {
    query: `tag:'${checkoutTag(checkoutId)}'`,
  });
  for (const node of data?.orders?.nodes ?? []) {
    const order = parseOrder(node, 'KasaOrdersByTag');
    if (attributeOf(order, ATTR.checkoutId) === checkoutId) return placedOf(order);
  }
  return undefined;
}

const isUnknownOutcome = (error: unknown): boolean =>
  error instanceof KasaError &&
  error.code === 'platform_unavailable' &&
  (error.details as { outcome?: string } | undefined)?.outcome === 'unknown';

/**
 * Mode B's placement: `orderCreate`, idempotent on Kasa's checkout id. A retry (`resumed` not
 * false) looks the order up first; an `orderCreate` whose answer was lost (timeout, reset, 5xx) is
 * looked up before it is sent again, never repeated blind. `userErrors` become
 * KasaError('platform_rejected'), the trial store's 5-a-minute limit with `reason: 'trial_order_limit'`.
 *
 * @example const order = await placeShopifyOrder(admin, input, { attempts: 3, searchLagMs: 2_000, sleep });
 */
export async function placeShopifyOrder(
  admin: AdminClient,
  input: PlaceOrderInput,
  policy: { attempts: number; searchLagMs: number; sleep: (ms: number) => Promise<void> },
): Promise<PlacedOrder> {
  if (input.resumed !== false) {
    const found = await findPlaced(admin, input.checkoutId);
    if (found) return found;
  }
  const variables = orderCreateVariables(input);
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await admin.request<{
        orderCreate?: { order?: unknown; userErrors?: { message: string }[] };
      }>('KasaOrderCreate', variables);
      const userErrors = data?.orderCreate?.userErrors ?? [];
      if (userErrors.length > 0) throw rejection(userErrors);
      return placedOf(parseOrder(data?.orderCreate?.order, 'KasaOrderCreate'));
    } catch (error) {
      if (!isUnknownOutcome(error) || attempt >= policy.attempts) throw error;
      // The order may exist: look before sending orderCreate again, twice if the search may lag.
      const found = await findPlaced(admin, input.checkoutId);
      if (found) return found;
      if (policy.searchLagMs > 0) {
        await policy.sleep(policy.searchLagMs);
        const later = await findPlaced(admin, input.checkoutId);
        if (later) return later;
      }
    }
  }
}

function rejection(userErrors: readonly { message: string }[]): KasaError {
  const messages = userErrors.map((e) => e.message);
  if (messages.some((m) => TRIAL_LIMIT.test(m))) {
    return new KasaError('platform_rejected', {
      details: {
        platform: 'shopify',
        operation: 'orderCreate',
        reason: 'trial_order_limit',
        hint: 'A trial or development Shopify store creates at most 5 orders a minute through orderCreate: wait a minute and try again, or use a paid plan.',
        messages,
      },
    });
  }
  return new KasaError('platform_rejected', {
    details: { platform: 'shopify', operation: 'orderCreate', messages },
  });
}
