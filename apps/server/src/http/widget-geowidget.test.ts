import type { CheckoutView } from '@kasa/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENTATION } from '../checkout/presentation.ts';
import type { CheckoutService } from '../checkout/service.ts';
import { mountWidget } from './widget-routes.ts';

/** The fragment route alone, on a stub service, rendering the real first view. */
async function fragment(geowidget?: { token: string; sandbox?: boolean }) {
  const app = new Hono();
  const view = { id: 'chk_geo1' } as CheckoutView;
  let rendered: { config: { geowidget?: unknown } } | undefined;
  mountWidget(app, {
    widget: {
      assets: { entry: 'kasa-checkout.js', tracker: 'tracker.js', files: new Map() } as never,
      render: (input) => {
        rendered = input;
        return '<kasa-checkout></kasa-checkout>';
      },
    },
    service: {
      get: async () => view,
      showPresentation: () => DEFAULT_PRESENTATION,
    } as unknown as CheckoutService,
    publicUrl: 'https://kasa.sklep.pl',
    shopId: 'demo',
    experiments: () => [],
    ...(geowidget ? { geowidget } : {}),
  });
  const response = await app.request('/api/checkouts/chk_geo1/fragment');
  expect(response.status).toBe(200);
  return rendered?.config;
}

describe('the fragment and InPost’s map', () => {
  it("puts the merchant's Geowidget token from the configuration into the widget's first view", async () => {
    expect((await fragment({ token: 'eyJ.merchant.token', sandbox: true }))?.geowidget).toEqual({
      token: 'eyJ.merchant.token',
      sandbox: true,
    });
  });

  it('offers no map without one', async () => {
    expect((await fragment())?.geowidget).toBeUndefined();
  });
});
