import type { okrSchema } from '@kasa/analytics';
import type { z } from 'zod';

/**
 * The objective a shop starts with: cart abandonment from the industry's 70% (Baymard) to 50%, with
 * checkout abandonment and BLIK failures beside it, and the one-page vs multi-step test as the first
 * initiative against them. Periods are rolling quarters
 * from the start of the current one, so a fresh install always shows a live key result.
 */
function quarterStart(now: Date): string {
  const month = Math.floor(now.getUTCMonth() / 3) * 3;
  return new Date(Date.UTC(now.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
}
function quarterEnd(now: Date): string {
  const month = Math.floor(now.getUTCMonth() / 3) * 3 + 3;
  return new Date(Date.UTC(now.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
}

const now = new Date();
const period = { from: quarterStart(now), to: quarterEnd(now) };

export const DEFAULT_OKR: z.input<typeof okrSchema> = {
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień z tych samych koszyków',
      keyResults: [
        // The industry's cart abandonment is about 70% (Baymard); the example goal of the brief.
        { key: 'cart-abandonment', metric: 'cart_abandonment', baseline: 0.7, target: 0.5, period },
        { key: 'checkout-abandonment', metric: 'checkout_abandonment', baseline: 0.45, target: 0.35, period },
        { key: 'blik-failures', metric: 'payment_failure_rate', baseline: 0.12, target: 0.06, period },
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
