/**
 * Kasa's custom pixel: what a merchant pastes in Settings › Customer events › Add custom pixel (a lax
 * sandbox). It is the app pixel's code; `scripts/build-custom-pixel.mjs` bundles it into
 * `dist/kasa-custom-pixel.js`, whose first lines hold the two settings the merchant fills in.
 */
import { type PixelHost, type PixelSettings, startPixel } from '../extensions/kasa-pixel/src/pixel.ts';

// Globals Shopify gives custom pixel code, and the settings the bundle's first lines declare.
declare const analytics: PixelHost['analytics'];
declare const browser: PixelHost['browser'];
declare const init: PixelHost['init'];
declare const api: { customerPrivacy?: PixelHost['customerPrivacy'] } | undefined;
declare const KASA_SETTINGS: PixelSettings;

// `api` may not exist in every sandbox version: a bare reference to it would throw.
const privacy = typeof api === 'undefined' ? undefined : api?.customerPrivacy;

startPixel(
  {
    analytics,
    browser,
    init,
    ...(privacy ? { customerPrivacy: privacy } : {}),
  },
  KASA_SETTINGS,
);
