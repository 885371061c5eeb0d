import { DAY_MS, simulateCheckouts } from '@kasa/analytics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-tests-0123456789';
const asMerchant = { authorization: `Bearer ${TOKEN}` };
const START = Date.now() - 5 * DAY_MS;
const history = (seed: number, checkouts: number) => [
  ...simulateCheckouts({ seed, checkouts, startTs: START, spanMs: 3 * DAY_MS, shopId: 'demo' }),
];
const simulated = history(31, 60);
/** Real checkouts: the simulator's events without the mark. */
const real = history(32, 40).map((checkout) => checkout.map(({ simulated: _, ...event }) => event));

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
  await kasa.runtime.events.append([...simulated.flat(), ...real.flat()]);
});
afterAll(() => kasa.close());

const report = async (query: string) =>
  (await kasa.api('GET', `/api/analytics/report${query}`, undefined, asMerchant)).body;
const carts = (body: { headline: { cartAbandonment: { total: number; pending: number } } }) =>
  body.headline.cartAbandonment.total + body.headline.cartAbandonment.pending;

describe('DELETE /api/analytics/simulated', () => {
  it('is refused without the merchant token and deletes nothing', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const response = await kasa.api('DELETE', '/api/analytics/simulated', undefined, headers);
      expect(response.status).toBe(401);
    }
    expect(carts(await report('?simulated=true'))).toBe(60);
  });

  it('deletes every simulated checkout and its events, answers how many, and keeps the real ones', async () => {
    const before = await report('');
    expect(carts(before)).toBe(40);
    expect(before.simulatedHidden).toBeGreaterThan(0);
    const response = await kasa.api('DELETE', '/api/analytics/simulated', undefined, asMerchant);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({ checkouts: 60, events: simulated.flat().length });
    expect(await kasa.runtime.events.count()).toBe(real.flat().length);
    const after = await report('?simulated=both');
    expect(carts(after)).toBe(40);
    expect(after.simulatedHidden).toBe(0);
    expect((await report('')).simulatedHidden).toBe(0);
    // The real figures did not move.
    expect((await report('')).headline).toEqual({ ...before.headline, period: expect.anything() });
    expect(await kasa.api('DELETE', '/api/analytics/simulated', undefined, asMerchant)).toMatchObject({
      status: 200,
      body: { checkouts: 0, events: 0 },
    });
  });
});
