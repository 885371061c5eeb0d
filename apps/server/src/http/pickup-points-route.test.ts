import type { PickupPointProvider } from '@kasa/core';
import { createInpostPickupProvider } from '@kasa/pickup';
import { startFakeInpostPoints } from '@kasa/pickup/fake';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { CheckoutService } from '../checkout/service.ts';
import { checkoutRoutes } from './checkout-routes.ts';

/** GET /api/pickup-points alone, over the given provider. */
function pointsApp(pickup: PickupPointProvider) {
  const route = checkoutRoutes({
    service: {} as CheckoutService,
    pickup,
    clientIp: () => '127.0.0.1',
    returnOrigins: new Set(),
    ssePollMs: 500,
  }).find((candidate) => candidate.path === '/api/pickup-points');
  const app = new Hono();
  if (route) app.get(route.path, route.handler);
  return app;
}

describe('GET /api/pickup-points', () => {
  it('answers with the last good points and `stale` when the carrier is down, never an empty list', async () => {
    const inpost = await startFakeInpostPoints();
    let clock = Date.parse('2026-11-20T10:00:00Z');
    try {
      const app = pointsApp(
        createInpostPickupProvider({ baseUrl: inpost.url, now: () => clock, ttlMs: 60_000 }),
      );
      const first = await (await app.request('/api/pickup-points?q=Sopot&limit=5')).json();
      expect(first.stale).toBeUndefined();
      expect(first.points.length).toBeGreaterThan(0);
      clock += 5 * 60_000;
      inpost.faults.inject({ kind: 'status', status: 503, atCall: 0 });
      const response = await app.request('/api/pickup-points?q=Sopot&limit=5');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        points: first.points,
        stale: { fetchedAt: '2026-11-20T10:00:00.000Z' },
      });
    } finally {
      await inpost.close();
    }
  });

  it('answers without `stale` from a provider that has no searchAnswer', async () => {
    const pickup: PickupPointProvider = {
      carrier: 'inpost',
      search: async () => [],
      get: async () => undefined,
    };
    const body = await (await pointsApp(pickup).request('/api/pickup-points?postcode=30-001')).json();
    expect(body).toEqual({ points: [] });
  });
});
