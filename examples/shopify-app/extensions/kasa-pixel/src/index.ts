/**
 * Kasa's app pixel: a web pixel extension, run by Shopify in a strict sandbox (a web worker) once the
 * visitor has granted the consents declared in shopify.extension.toml. Settings come from the
 * `webPixelCreate` mutation the app calls after install (see the README).
 */
import { register } from '@shopify/web-pixels-extension';
import { startPixel } from './pixel.ts';

register(({ analytics, browser, init, settings, customerPrivacy }) => {
  startPixel(
    { analytics, browser, init, customerPrivacy },
    { collectorUrl: String(settings.collectorUrl ?? ''), shopId: String(settings.shopId ?? '') },
  );
});
