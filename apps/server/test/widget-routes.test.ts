import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentRenderer, type Kasa, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ widget: fragmentRenderer() });
});
afterAll(() => kasa.close());

describe('widget routes', () => {
  it.each([
    ['kasa-tracker.js', 'tracker.js'],
    ['kasa-checkout.js', 'kasa.js'],
  ])("send a shop page that loads /widget/%s to the current build's file", async (alias, built) => {
    const response = await fetch(`${kasa.url}/widget/${alias}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/widget/${built}`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answer a fragment for an unknown checkout with 404', async () => {
    const response = await kasa.api('GET', '/api/checkouts/chk_unknown/fragment');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('checkout_not_found');
  });
});
