/**
 * Reading the pages the demo shop serves: its products, and on the checkout page the
 * `<kasa-checkout>` element's attributes and the state the server rendered into it (the checkout and
 * the widget's configuration, with the layout the experiment chose). Pure.
 */
import type { CheckoutView } from '@kasa/core';

export interface CheckoutPage {
  readonly api: string;
  readonly checkoutId: string;
  readonly shopId: string;
  readonly layout: string;
  /** Set when the checkout is enrolled in the layout experiment. */
  readonly experiment?: { readonly key: string; readonly variation: string };
  readonly view: CheckoutView;
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * The widget on a checkout page, or undefined when the page has none.
 *
 * @example readCheckoutPage(html)?.layout; // 'multi-step'
 */
export function readCheckoutPage(html: string): CheckoutPage | undefined {
  const tag = /<kasa-checkout\s[^>]*>/.exec(html)?.[0];
  const state = /<script type="application\/json" id="kasa-state">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!tag || !state) return undefined;
  const { view, config } = JSON.parse(state) as {
    view: CheckoutView;
    config: { layout: string; experiment?: { key: string; variation: string } };
  };
  const [api, checkoutId, shopId] = ['api', 'checkout', 'shop'].map((name) => attribute(tag, name));
  if (!api || !checkoutId || !shopId) return undefined;
  return {
    api,
    checkoutId,
    shopId,
    layout: config.layout,
    ...(config.experiment ? { experiment: config.experiment } : {}),
    view,
  };
}

/** A product the shop page offers, with its unit price in grosze. */
export interface ShopProduct {
  readonly id: string;
  readonly price: number;
}

/** "1 234,99 zł" → 123499. */
const grosze = (text: string): number => {
  const [whole = '0', fraction = '0'] = text.replace(/[^\d,]/g, '').split(',');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
};

/**
 * The products on the shop's front page: each card's price and the id its "add to cart" form posts.
 *
 * @example readShopProducts(html)[0]; // { id: 'kawa-etiopia-250', price: 4990 }
 */
export function readShopProducts(html: string): ShopProduct[] {
  const cards = html.split('<li class="card">').slice(1);
  return cards.flatMap((card) => {
    const price = /<span class="price">([^<]+)<\/span>/.exec(card)?.[1];
    const id = /<form method="post" action="\/cart"[\s\S]*?name="productId" value="([^"]+)"/.exec(card)?.[1];
    return price && id ? [{ id, price: grosze(price) }] : [];
  });
}
