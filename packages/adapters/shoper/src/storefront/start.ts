import { encodeBasketRef } from '../basket-ref.ts';
import { readShoperBasket } from './read-basket.ts';
import type { ShoperStorefront, UseStorefront } from './storefront-api.ts';

export interface KasaOnShoperOptions {
  /** Kasa's server, e.g. `https://kasa.sklep.pl` (its origin must be in Kasa's `allowedOrigins`). */
  readonly api: string;
  /** The shop's id in Kasa (`shopId`), passed to the widget for its events. */
  readonly shop?: string;
  /** The widget's script; default `<api>/widget/kasa-checkout.js`. */
  readonly widgetUrl?: string;
  /** Shoper's "go on" link on the basket page; Kasa's checkout goes just before it. */
  readonly checkoutButtonSelector?: string;
  /** 'before' keeps the shop's button under Kasa's checkout; 'replace' hides it once the widget runs. */
  readonly placement?: 'before' | 'replace';
  readonly lang?: 'pl' | 'en';
  /** How long to wait for Shoper's API, its basket and Kasa's answer (ms). */
  readonly waitMs?: number;
}

export type KasaOnShoperResult =
  | { readonly mounted: true; readonly checkoutId: string }
  | { readonly mounted: false; readonly reason: string };

/** The basket footer's link to step 2, as Shoper's storefront documentation shows it. */
export const DEFAULT_CHECKOUT_BUTTON =
  'basket-summary-basket-footer a[href*="/basket/step2"], a[href$="/basket/step2"]';
const ELEMENT = 'kasa-checkout';
const DEFAULT_WAIT_MS = 8_000;

const skipped = (reason: string): KasaOnShoperResult => ({ mounted: false, reason });

/** Resolves with what `start` hands to `done`, or with undefined when `ms` pass first. */
function within<T>(ms: number, start: (done: (value: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms, undefined);
    start((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Shoper's `useStorefront`, waiting for the page's load when its scripts have not defined it yet. */
function useStorefrontOf(ms: number): Promise<UseStorefront | undefined> {
  const found = () => {
    const candidate = (window as { useStorefront?: unknown }).useStorefront;
    return typeof candidate === 'function' ? (candidate as UseStorefront) : undefined;
  };
  if (found() || document.readyState === 'complete') return Promise.resolve(found());
  return within<UseStorefront | undefined>(ms, (done) =>
    window.addEventListener('load', () => done(found()), { once: true }),
  );
}

/** The storefront object, once `useStorefront` calls back. */
const storefrontOf = (useStorefront: UseStorefront, ms: number) =>
  within<ShoperStorefront>(ms, (done) => {
    useStorefront((storefront) => done(storefront));
  });

/** True once the basket feature is initialized (it may have been before this script ran). */
const basketReady = (storefront: ShoperStorefront, ms: number) =>
  within<boolean>(ms, (done) => {
    if (storefront.getApiSync?.('basketProductsApi')) return done(true);
    storefront.eventBus?.on?.('basket.initialized', () => done(true));
    void storefront.getApi?.('basketProductsApi')?.then(
      () => done(true),
      () => undefined,
    );
  });

type KasaAnswer = { readonly id: string } | { readonly error: string };

async function callKasa(url: string, method: 'POST' | 'PUT', body: object, ms: number): Promise<KasaAnswer> {
  try {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ms),
    });
    const answer = (await response.json().catch(() => undefined)) as
      | { id?: unknown; error?: { code?: unknown } }
      | undefined;
    if (response.ok && typeof answer?.id === 'string') return { id: answer.id };
    const code = answer?.error?.code;
    return { error: typeof code === 'string' ? code : `kasa_${response.status}` };
  } catch {
    return { error: 'kasa_unreachable' };
  }
}

/** Loads the widget's module script once; resolves false when it cannot load. */
function loadWidget(url: string): Promise<boolean> {
  if (customElements.get(ELEMENT)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = url;
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
}

const langOf = (options: KasaOnShoperOptions) =>
  options.lang ?? (document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'pl');

/**
 * The storefront script's work on a Shoper basket page: reads the basket through Shoper's JS API,
 * starts a Kasa checkout with it (`POST <api>/api/checkouts {cartRef, locale}`) and puts
 * `<kasa-checkout api checkout>` before the shop's "go on" button; a basket changed on the page is
 * handed over again (`PUT …/cart`). On any failure (no JS API, an empty basket, Kasa answering 409
 * `cart_prices_unconfirmed`, no network) nothing is mounted, the shop's button stays and works, and
 * nothing is thrown or logged. Resolves with what happened.
 *
 * @example
 * startKasaOnShoper({ api: 'https://kasa.sklep.pl', shop: 'sklep' });
 * // → { mounted: true, checkoutId: 'chk_…' } or { mounted: false, reason: 'cart_prices_unconfirmed' }
 */
export async function startKasaOnShoper(options: KasaOnShoperOptions): Promise<KasaOnShoperResult> {
  try {
    const ms = options.waitMs ?? DEFAULT_WAIT_MS;
    const button = document.querySelector<HTMLElement>(
      options.checkoutButtonSelector ?? DEFAULT_CHECKOUT_BUTTON,
    );
    if (!button) return skipped('no_checkout_button');
    const useStorefront = await useStorefrontOf(ms);
    if (!useStorefront) return skipped('api_missing');
    const storefront = await storefrontOf(useStorefront, ms);
    if (!storefront || !(await basketReady(storefront, ms))) return skipped('api_missing');
    const reading = await readShoperBasket(storefront, { waitMs: ms });
    if (!reading.ok) return skipped(reading.reason);

    const api = options.api.replace(/\/+$/, '');
    const lang = langOf(options);
    const created = await callKasa(
      `${api}/api/checkouts`,
      'POST',
      { cartRef: encodeBasketRef(reading.basket), locale: lang },
      ms,
    );
    if (!('id' in created)) return skipped(created.error);
    if (!(await loadWidget(options.widgetUrl ?? `${api}/widget/kasa-checkout.js`))) {
      return skipped('widget_unavailable');
    }

    const element = document.createElement(ELEMENT);
    element.setAttribute('api', api);
    element.setAttribute('checkout', created.id);
    element.setAttribute('lang', lang);
    if (options.shop) element.setAttribute('shop', options.shop);
    button.before(element);
    if (options.placement === 'replace') button.hidden = true;

    const withdraw = () => {
      element.remove();
      button.hidden = false;
    };
    const handOver = async () => {
      if (!element.isConnected) return;
      const again = await readShoperBasket(storefront, { waitMs: ms });
      const changed = again.ok
        ? await callKasa(
            `${api}/api/checkouts/${encodeURIComponent(created.id)}/cart`,
            'PUT',
            { cartRef: encodeBasketRef(again.basket) },
            ms,
          )
        : { error: again.reason };
      if ('error' in changed) withdraw();
    };
    // One hand-over at a time, in order: quick changes must not reach Kasa older-last.
    let handingOver = Promise.resolve();
    storefront.eventBus?.on?.('basket.basketUpdated', () => {
      handingOver = handingOver.then(handOver, handOver);
    });
    return { mounted: true, checkoutId: created.id };
  } catch {
    return skipped('unexpected');
  }
}
