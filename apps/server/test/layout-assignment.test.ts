import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutVisitorId, presentationFor } from '../src/checkout/presentation.ts';
import { configSchema } from '../src/config.ts';
import { eventually, fragmentRenderer, type Kasa, readyCheckout, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ widget: fragmentRenderer() });
});
afterAll(() => kasa.close());

/** The default configuration's layout experiment, which the test server runs. */
const experiments = () => configSchema.parse({}).experiments;
const layoutOf = (html: string) => /<kasa-checkout[^>]* layout="([a-z-]+)"/.exec(html)?.[1];

async function newCheckout(): Promise<string> {
  const [product] = kasa.sandbox.listProducts();
  const cartRef = await kasa.sandbox.createCart([{ productId: product?.id ?? '', quantity: 1 }]);
  return (await kasa.api('POST', '/api/checkouts', { cartRef })).body.id;
}

const fragment = (id: string, query = '') => kasa.api('GET', `/api/checkouts/${id}/fragment?${query}`);

/** The layout a checkout gets without a visitor: its own visitor id's (a digest of the checkout id). */
const ownLayout = (checkoutId: string) =>
  presentationFor(experiments(), checkoutVisitorId(checkoutId)).layout;

/** A visitor id the experiment puts in the other arm than the checkout alone would get. */
function visitorAgainst(checkoutId: string): string {
  const own = ownLayout(checkoutId);
  for (let i = 0; i < 100; i += 1) {
    const visitor = `visitor-${i}`;
    if (presentationFor(experiments(), visitor).layout !== own) return visitor;
  }
  throw new Error('no visitor in the other arm among 100');
}

/** Places the order, pays with an approved BLIK code, and returns the purchase the server recorded. */
async function payAndFindPurchase(id: string) {
  await kasa.api('POST', `/api/checkouts/${id}/order`);
  const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
  await eventually(
    () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
    (r) => r.body.status === 'paid',
  );
  return eventually(
    async () => (await kasa.runtime.events.byCheckout(id)).find((e) => e.name === 'purchase'),
    (found) => found !== undefined,
  );
}

describe('the layout experiment unit', () => {
  it("is the shopper's consented visitor id when the shop passes it", async () => {
    const id = await newCheckout();
    const visitor = visitorAgainst(id);
    const response = await fragment(id, `visitor=${visitor}`);
    expect(response.status).toBe(200);
    expect(layoutOf(response.body)).toBe(presentationFor(experiments(), visitor).layout);
  });

  it("gives one visitor's checkouts one layout, while checkouts alone split", async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, newCheckout));
    const byVisitor = await Promise.all(
      ids.map(async (id) => layoutOf((await fragment(id, 'visitor=v_same')).body)),
    );
    expect(new Set(byVisitor)).toEqual(new Set([presentationFor(experiments(), 'v_same').layout]));
    const others = await Promise.all(Array.from({ length: 8 }, newCheckout));
    const byCheckout = await Promise.all(others.map(async (id) => layoutOf((await fragment(id)).body)));
    expect(byCheckout).toEqual(others.map(ownLayout));
  });

  it("is the checkout's own id without a visitor, and the first layout shown stays after consent", async () => {
    const id = await newCheckout();
    const first = layoutOf((await fragment(id)).body);
    expect(first).toBe(ownLayout(id));
    expect(layoutOf((await fragment(id, `visitor=${visitorAgainst(id)}`)).body)).toBe(first);
  });

  it('previews forced options without keeping them or counting the checkout for any arm', async () => {
    const id = await newCheckout();
    const preview = await fragment(id, 'paymentOrder=blik-among-others&deliveryOrder=courier-first');
    expect(preview.status).toBe(200);
    const config = JSON.parse(/id="kasa-state">([\s\S]*?)<\/script>/.exec(preview.body)?.[1] ?? '{}').config;
    expect(config).toMatchObject({
      layout: 'one-page',
      paymentOrder: 'blik-among-others',
      deliveryOrder: 'courier-first',
    });
    expect(config).not.toHaveProperty('experiments');
    expect(kasa.runtime.service.shownPresentation(id)).toBeUndefined();
    expect(layoutOf((await fragment(id)).body)).toBe(ownLayout(id));
  });

  it('refuses a visitor id that is not an id, naming the parameter', async () => {
    const id = await newCheckout();
    const response = await fragment(id, 'visitor=a%40b.pl');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('visitor');
  });

  it("records the paid order's purchase for the arm the checkout was shown in", async () => {
    const { id } = await readyCheckout(kasa);
    const visitor = visitorAgainst(id);
    const shown = layoutOf((await fragment(id, `visitor=${visitor}`)).body);
    const purchase = await payAndFindPurchase(id);
    expect(purchase?.experiments).toEqual({ 'checkout-layout': shown });
  });

  it('records a purchase without an arm for a checkout never shown in one', async () => {
    const { id } = await readyCheckout(kasa);
    const purchase = await payAndFindPurchase(id);
    expect(purchase?.experiments).toBeUndefined();
  });
});
