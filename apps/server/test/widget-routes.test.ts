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

  it('answer a fragment for an unknown checkout with 404', async () => {
    const response = await kasa.api('GET', '/api/checkouts/chk_unknown/fragment');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('checkout_not_found');
  });
});
