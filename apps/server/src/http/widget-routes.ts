import { ID_PATTERN, KasaError, type PickupMapWidget } from '@kasa/core';
import type { Experiment } from '@kasa/experiments';
import type { renderCheckoutFragment, WidgetAssets } from '@kasa/widget/server';
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  checkoutVisitorId,
  DEFAULT_PRESENTATION,
  presentationFor,
  presentationSchema,
} from '../checkout/presentation.ts';
import type { CheckoutService } from '../checkout/service.ts';
import { serveAsset } from './assets.ts';
import { langParam, readQuery } from './request.ts';

/** The tracker's stable file name; `/widget/kasa-tracker.js` redirects to the current build. */
const TRACKER_ALIAS = 'kasa-tracker.js';

/**
 * The checkout's stable file name, for shop pages that load the widget themselves (the Shoper
 * storefront script): a one-line module re-exporting the current build's entry. Not a redirect: a
 * module loaded under the alias would be a second instance of the entry once its own lazy chunks
 * import the entry by its hashed name, and the views they bring would not show.
 */
const CHECKOUT_ALIAS = 'kasa-checkout.js';

export const fragmentQuery = z.strictObject({
  /**
   * A preview: forces these options (the others stay at their default), keeps nothing and counts for
   * no experiment. Without any, the running experiments decide and the checkout keeps what it got.
   */
  layout: presentationSchema.shape.layout.optional(),
  paymentOrder: presentationSchema.shape.paymentOrder.optional(),
  deliveryOrder: presentationSchema.shape.deliveryOrder.optional(),
  lang: langParam,
  /** The shopper's consented visitor id (the tracker's cookie): the experiment's unit when given. */
  visitor: z.string().regex(ID_PATTERN).optional(),
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{8,128}$/)
    .optional(),
});

/**
 * The widget's script (content-hashed, compressed once, cached for a year) and its server-rendered
 * first view, which a shop's backend fetches and puts in its checkout page.
 */
export interface WidgetBundle {
  readonly assets: WidgetAssets;
  readonly render: typeof renderCheckoutFragment;
}

export function mountWidget(
  app: Hono,
  deps: {
    widget: WidgetBundle;
    service: CheckoutService;
    publicUrl: string;
    shopId: string;
    /** The experiments as they are now (the merchant may start or stop one while Kasa runs). */
    experiments: () => readonly Experiment[];
    /** The shop's terms, privacy policy and account pages (configuration), linked in the first view. */
    shopPages?: { termsUrl?: string; privacyUrl?: string; accountUrl?: string };
    /**
     * The carrier's map from the pickup provider's configuration (PickupPlugin.mapWidget: InPost's
     * Geowidget with the merchant's token), offered in the first view; without it, the list alone.
     */
    geowidget?: PickupMapWidget;
    /** Shopify mode A: the widget asks contact and delivery, then hands the shopper to Shopify. */
    handoff?: 'shopify';
  },
) {
  const { assets, render } = deps.widget;

  // Short-lived answers, so a new build reaches shop pages within minutes.
  app.get(`/widget/${TRACKER_ALIAS}`, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.redirect(`/widget/${assets.tracker}`, 302);
  });
  app.get(`/widget/${CHECKOUT_ALIAS}`, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(`export * from './${assets.entry}';\n`);
  });

  app.get('/widget/:file', (c) => {
    const asset = assets.files.get(c.req.param('file'));
    if (!asset) throw new KasaError('not_found');
    // Module scripts are fetched with CORS; the bundle is public, so any shop page may load it.
    c.header('Access-Control-Allow-Origin', '*');
    return serveAsset(c, asset);
  });

  app.get('/api/checkouts/:id/fragment', async (c) => {
    const query = readQuery(c, fragmentQuery);
    const view = await deps.service.get(c.req.param('id'));
    const { lang, visitor, nonce, ...forced } = query;
    if (visitor) deps.service.rememberVisitor(view.id, visitor);
    const { arms, ...options } = Object.values(forced).some(Boolean)
      ? { ...DEFAULT_PRESENTATION, ...forced }
      : deps.service.showPresentation(view.id, () =>
          presentationFor(deps.experiments(), visitor ?? checkoutVisitorId(view.id)),
        );
    const html = render({
      view,
      config: {
        api: deps.publicUrl,
        ...deps.shopPages,
        ...options,
        ...(Object.keys(arms).length > 0 ? { experiments: arms } : {}),
        locale: lang ?? view.locale,
        ...(deps.geowidget ? { geowidget: deps.geowidget } : {}),
        ...(deps.handoff ? { handoff: deps.handoff } : {}),
      },
      scriptUrl: `${deps.publicUrl}/widget/${assets.entry}`,
      trackerUrl: `${deps.publicUrl}/widget/${assets.tracker}`,
      shopId: deps.shopId,
      ...(nonce ? { nonce } : {}),
    });
    // Cache-Control: no-store comes from securityHeaders, as for every /api/checkouts answer.
    return c.html(html);
  });
}
