/**
 * What the dashboard's browser test puts into a real Kasa server: seeded simulated checkouts over the
 * four weeks before `now` (multi-step loses fewer shoppers at the contact section; a third of the
 * checkouts marked real so the real/simulated filter splits something), the ad costs of those days and
 * an OKR configuration whose key results run over them. Everything is relative to `now`, so the test
 * reads the server's reports at the real time.
 */
import { type CostRow, DAY_MS, type OkrConfig, okrSchema, simulateCheckouts } from '@kasa/analytics';
import { type CheckoutEvent, checkoutEventSchema } from '@kasa/core';
import { isoDate } from '../../apps/dashboard/src/format.ts';

export type { CheckoutEvent };
export { DAY_MS, isoDate };

/** The seeded history: the 28 days before now. */
const SEED_DAYS = 28;

/**
 * The simulated checkouts, one array of events per checkout, each event checked against the core
 * event schema (what POST /api/collect accepts). The last checkouts start an hour before `now`, so
 * they are still inside their 24 h window (pending) and no event lies in the future.
 *
 * @example for (const events of seededCheckouts({ now: Date.now() })) await runtime.events.append(events);
 */
export function* seededCheckouts({
  now,
  seed = 7,
  checkouts = 4000,
}: {
  readonly now: number;
  readonly seed?: number;
  readonly checkouts?: number;
}): Generator<CheckoutEvent[], void, undefined> {
  let index = 0;
  for (const checkout of simulateCheckouts({
    seed,
    checkouts,
    startTs: now - SEED_DAYS * DAY_MS,
    spanMs: SEED_DAYS * DAY_MS - 3_600_000,
    layouts: [
      { name: 'one-page' },
      { name: 'multi-step', behaviour: { dropOff: { contact: 0.12, delivery: 0.1 } } },
    ],
  })) {
    const real = index++ % 3 === 0;
    yield checkout.map((event) => checkoutEventSchema.parse(real ? { ...event, simulated: false } : event));
  }
}

/** Ad costs (grosze a day) of every seeded day, for three paid channels, as `kasa import-costs` reads them. */
export function seededCosts(now: number): CostRow[] {
  // The paid campaigns the simulator's shoppers arrive from (its default channel mix), and one without any.
  const channels = [
    { source: 'google', medium: 'cpc', campaign: 'zima-2026', cost: 45_000 },
    { source: 'facebook', medium: 'paid_social', campaign: 'retargeting', cost: 30_000 },
    { source: 'tiktok', medium: 'paid_social', campaign: 'test', cost: 8_000 },
  ];
  const days = Array.from({ length: SEED_DAYS }, (_, day) => isoDate(now - (SEED_DAYS - 1 - day) * DAY_MS));
  // `line` is the row's line in a CSV export (the header is line 1).
  return days
    .flatMap((date) => channels.map((channel) => ({ date, ...channel })))
    .map((row, i) => ({ line: i + 2, ...row }));
}

/** The OKRs a merchant might write; the key results run from 60 days before `now` to 30 days after. */
export function seededOkr(now: number): OkrConfig {
  const period = { from: isoDate(now - 60 * DAY_MS), to: isoDate(now + 30 * DAY_MS) };
  return okrSchema.parse({
    objectives: [
      {
        key: 'checkout',
        title: 'Więcej zamówień z tych samych koszyków',
        keyResults: [
          { key: 'abandonment', metric: 'checkout_abandonment', baseline: 0.48, target: 0.3, period },
          { key: 'payments', metric: 'payment_failure_rate', baseline: 0.12, target: 0.05, period },
        ],
        initiatives: [
          {
            key: 'multi-step',
            title: 'Checkout w krokach',
            experiment: 'checkout-layout',
            keyResults: ['abandonment'],
            ice: { impact: 8, confidence: 5, ease: 7 },
          },
          {
            key: 'nip-lookup',
            title: 'NIP uzupełniany z GUS',
            keyResults: ['abandonment'],
            ice: { impact: 5, confidence: 6, ease: 4 },
          },
          {
            key: 'blik-first',
            title: 'BLIK jako pierwsza metoda',
            keyResults: ['payments'],
            ice: { impact: 6, confidence: 7, ease: 9 },
          },
        ],
      },
    ],
  });
}
