import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentRenderer, type Kasa, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ widget: fragmentRenderer() });
});
afterAll(() => kasa.close());

describe('widget routes', () => {
  it("send a shop page that loads /widget/kasa-tracker.js to the current build's tracker", async () => {
    const response = await fetch(`${kasa.url}/widget/kasa-tracker.js`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/widget/tracker.js');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it("give a shop page that loads /widget/kasa-checkout.js a module re-exporting the current build's entry", async () => {
    const response = await fetch(`${kasa.url}/widget/kasa-checkout.js`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.text()).toBe("export * from './kasa.js';\n");
  });

  it("name the tracker on the fragment's checkout element, for the widget to fetch once the form is in use", async () => {
    const cartRef = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 1 },
    ]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    const fragment = await kasa.api<string>('GET', `/api/checkouts/${created.body.id}/fragment`);
    expect(fragment.status).toBe(200);
    expect(fragment.body).toMatch(
      new RegExp(`<kasa-checkout [^>]*tracker="${kasa.url}/widget/tracker\\.js"`),
    );
    // The page itself loads the widget's entry only.
    expect(fragment.body.match(/<script type="module"[^>]*>/g)).toEqual([
      `<script type="module" src="${kasa.url}/widget/kasa.js" async>`,
    ]);
  });

  it('answer a fragment for an unknown checkout with 404', async () => {
    const response = await kasa.api('GET', '/api/checkouts/chk_unknown/fragment');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('checkout_not_found');
  });
});
