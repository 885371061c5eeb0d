import { experimentSchema } from '@kasa/experiments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentationFor } from '../src/checkout/presentation.ts';
import { eventually, fragmentRenderer, type Kasa, readyCheckout, startKasa } from './harness.ts';

const running = (key: string, variations: string[]) => ({
  key,
  variations,
  status: 'running' as const,
  startDate: '2026-11-01',
  kr: 'checkout-conversion',
});

const configured = [
  running('payment-order', ['blik-first', 'blik-among-others']),
  running('delivery-order', ['locker-first', 'courier-first']),
];

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ widget: fragmentRenderer(), config: { experiments: configured } });
});
afterAll(() => kasa.close());

const stateOf = (html: string) =>
  JSON.parse(/id="kasa-state">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as {
    config: { paymentOrder?: string; deliveryOrder?: string; experiments?: Record<string, string> };
  };

/** A visitor id both experiments enrol, in the arms `presentationFor` gives it. */
function enrolledVisitor() {
  const experiments = configured.map((experiment) => experimentSchema.parse(experiment));
  for (let i = 0; i < 100; i += 1) {
    const shown = presentationFor(experiments, `visitor-${i}`);
    if (Object.keys(shown.arms).length === 2) return { visitor: `visitor-${i}`, shown };
  }
  throw new Error('no visitor in both experiments among 100');
}

describe('a checkout enrolled in two experiments', () => {
  it('is shown both options, and its failed payment and its purchase count for both arms', async () => {
    const { visitor, shown } = enrolledVisitor();
    const { id } = await readyCheckout(kasa);
    const first = stateOf((await kasa.api('GET', `/api/checkouts/${id}/fragment?visitor=${visitor}`)).body);
    expect(first.config).toMatchObject({
      paymentOrder: shown.paymentOrder,
      deliveryOrder: shown.deliveryOrder,
      experiments: shown.arms,
    });
    expect(shown.arms).toEqual({
      'payment-order': shown.paymentOrder,
      'delivery-order': shown.deliveryOrder,
    });

    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const refused = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '500500' });
    await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${refused.body.id}`),
      (r) => r.body.status === 'rejected',
    );
    const failed = await eventually(
      async () => (await kasa.runtime.events.byCheckout(id)).find((e) => e.name === 'payment_failed'),
      (event) => event !== undefined,
    );
    expect(failed?.experiments).toEqual(shown.arms);

    const paid = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${paid.body.id}`),
      (r) => r.body.status === 'paid',
    );
    const purchase = await eventually(
      async () => (await kasa.runtime.events.byCheckout(id)).find((e) => e.name === 'purchase'),
      (event) => event !== undefined,
    );
    expect(purchase?.experiments).toEqual(shown.arms);
  });
});
