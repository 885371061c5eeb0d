/**
 * Reading the pages the demo shop serves: its products, the `view_cart` its cart page queues for
 * Kasa, and on the checkout page the `<kasa-checkout>` element's attributes and the state the server
 * rendered into it (the checkout and the widget's configuration, with the layout the experiment
 * chose). Pure.
 */
import type { CheckoutView } from '@kasa/core';

export interface CheckoutPage {
  readonly api: string;
  readonly checkoutId: string;
  readonly shopId: string;
  readonly layout: string;
  /** The experiments the checkout is enrolled in (key → variation), when any. */
  readonly experiments?: Readonly<Record<string, string>>;
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
    config: { layout: string; experiments?: Record<string, string> };
  };
  const [api, checkoutId, shopId] = ['api', 'checkout', 'shop'].map((name) => attribute(tag, name));
  if (!api || !checkoutId || !shopId) return undefined;
  return {
    api,
    checkoutId,
    shopId,
    layout: config.layout,
    ...(config.experiments ? { experiments: config.experiments } : {}),
    view,
  };
}

/**
 * The product ids on the shop's front page: what each card's "add to cart" form posts.
 *
 * @example readShopProducts(html)[0]; // 'kawa-etiopia-250'
 */
export function readShopProducts(html: string): string[] {
  const forms = html.matchAll(
    /<form method="post" action="\/cart"[^>]*>\s*<input type="hidden" name="productId" value="([^"]+)"/g,
  );
  return [...forms].map((match) => match[1] ?? '').filter(Boolean);
}

/** The `view_cart` the cart page queued for Kasa's tracker. */
export interface QueuedCartView {
  readonly shopId: string;
  readonly checkoutId: string;
  readonly event: { readonly name: 'view_cart'; readonly params: unknown };
}

/**
 * The `view_cart` the shop's cart page put in Kasa's queue (`window.kasa.q`), with the id of the
 * checkout it started for the cart; undefined when the page queued none.
 *
 * @example readQueuedCartView(html)?.checkoutId; // 'chk_…'
 */
export function readQueuedCartView(html: string): QueuedCartView | undefined {
  const json = /\.push\((\{.*?\})\);<\/script>/.exec(html)?.[1];
  if (!json) return undefined;
  const queued = JSON.parse(json) as Partial<QueuedCartView>;
  return queued.event?.name === 'view_cart' && queued.shopId && queued.checkoutId
    ? (queued as QueuedCartView)
    : undefined;
}
