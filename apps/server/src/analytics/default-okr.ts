import type { okrSchema } from '@kasa/analytics';
import type { z } from 'zod';

/** The first day (YYYY-MM-DD, UTC) of the quarter `offset` quarters after the one `now` is in. */
const quarterDay = (now: Date, offset: number): string =>
  new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 3 * offset, 1))
    .toISOString()
    .slice(0, 10);

const now = new Date();
const period = { from: quarterDay(now, 0), to: quarterDay(now, 1) };

/**
 * The objective a shop starts with: cart abandonment from the industry's 70% (Baymard) to 50%, with
 * checkout abandonment and BLIK failures beside it, and the one-page vs multi-step test as the first
 * initiative against them. Periods are rolling quarters from the start of the current one, so a fresh
 * install always shows a live key result.
 */
export const DEFAULT_OKR: z.input<typeof okrSchema> = {
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień z tych samych koszyków',
      keyResults: [
        // The industry's cart abandonment is about 70% (Baymard); the example goal of the brief.
        { key: 'cart-abandonment', metric: 'cart_abandonment', baseline: 0.7, target: 0.5, period },
        { key: 'checkout-abandonment', metric: 'checkout_abandonment', baseline: 0.45, target: 0.35, period },
        { key: 'blik-failures', metric: 'blik_failure_rate', baseline: 0.12, target: 0.06, period },
      ],
      initiatives: [
        {
          key: 'multi-step',
          title: 'Checkout w krokach zamiast jednej strony',
          experiment: 'checkout-layout',
          keyResults: ['cart-abandonment', 'checkout-abandonment'],
          ice: { impact: 7, confidence: 5, ease: 8 },
        },
        {
          key: 'nip-lookup',
          title: 'NIP: podpowiedź nazwy firmy z GUS',
          keyResults: ['checkout-abandonment'],
          ice: { impact: 5, confidence: 6, ease: 4 },
        },
      ],
    },
  ],
};
