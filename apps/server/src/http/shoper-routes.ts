import type { Context } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ShoperAppstore } from '../storefront/shoper-tokens.ts';
import type { ApiRoute } from './checkout-routes.ts';

const appstoreAnswer = z.object({ received: z.literal(true), action: z.string() });

/**
 * `POST /api/shoper/appstore`, only when the store is Shoper and Kasa is a listed AppStore
 * application (`store.appstoreSecret` set): the AppStore's install, billing and uninstall callbacks,
 * verified over the raw form body. An install's authorization code is exchanged at once.
 *
 * @example const routes = [...checkoutRoutes(ctx), ...shoperRoutes({ appstore: storefront.shoperAppstore, logger })];
 */
export function shoperRoutes(ctx: { appstore?: ShoperAppstore | undefined; logger?: Logger }): ApiRoute[] {
  const { appstore, logger } = ctx;
  if (!appstore) return [];
  return [
    {
      method: 'post',
      path: '/api/shoper/appstore',
      summary:
        "Shoper AppStore callbacks (install, uninstall, billing_install, billing_subscription, upgrade), verified with the application secret (HMAC-SHA512 of the sorted fields); an install's authorization code is exchanged for tokens at once",
      success: { status: 200, description: 'Verified and handled', schema: appstoreAnswer },
      handler: async (c: Context) => {
        const outcome = await appstore.handle(await c.req.text());
        // The action only: the code and the shop's fields stay out of the log.
        logger?.info({ platform: 'shoper', action: outcome.action }, 'shoper appstore callback');
        return c.json({ received: true, action: outcome.action });
      },
    },
  ];
}
