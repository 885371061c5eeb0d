/**
 * The stand-in of Shoper's storefront JS API as a test page loads it: the basket comes from
 * `window.standInBasket` (set by the page before this script), `window.useStorefront` is the
 * stand-in's, and `window.standIn` lets a test change the basket as a shopper would.
 */
import {
  createStorefrontStandIn,
  type StandInOptions,
} from '../../../packages/adapters/shoper/src/storefront/stand-in.ts';

const page = window as unknown as Record<string, unknown>;
const standIn = createStorefrontStandIn(page.standInBasket as StandInOptions);
page.useStorefront = standIn.useStorefront;
page.standIn = standIn;
