import type { okrSchema } from '@kasa/analytics';
import type { z } from 'zod';

/**
 * The objective a shop starts with: the industry's checkout abandonment is about 70% (Baymard), and
 * the one-page vs multi-step test is the first initiative against it. Periods are rolling quarters
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
        { key: 'checkout-abandonment', metric: 'checkout_abandonment', baseline: 0.7, target: 0.5, period },
        { key: 'cart-abandonment', metric: 'cart_abandonment', baseline: 0.8, target: 0.65, period },
        { key: 'blik-failures', metric: 'payment_failure_rate', baseline: 0.12, target: 0.06, period },
      ],
      initiatives: [
        {
          key: 'multi-step',
          title: 'Checkout w krokach zamiast jednej strony',
          experiment: 'checkout-layout',
          keyResults: ['checkout-abandonment'],
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
