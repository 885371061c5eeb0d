/**
 * The pixel itself, shared by the app pixel (extension) and the custom pixel (pasted): subscribes to
 * the mapped events, and with analytics consent maps each and sends it to Kasa's collector. It never
 * throws into Shopify's sandbox: bad settings or a failed send end quietly, with a warning.
 */
import type { Attribute, ExtensionApi } from '@shopify/web-pixels-extension';
import { browserEvents, MAPPED_EVENTS, type MappedShopifyEvent, toKasaEvents } from './map-events.ts';

/** Kasa's collector route, under the Kasa server's URL. */
export const COLLECT_PATH = '/api/collect';

/** What the pixel needs from Shopify's API (the strict sandbox's `api`, or the custom pixel's globals). */
export interface PixelHost {
  readonly analytics: ExtensionApi['analytics'];
  readonly browser: { sendBeacon(url: string, body?: string): Promise<boolean> | boolean };
  readonly init: {
    readonly customerPrivacy?: { readonly analyticsProcessingAllowed?: boolean } | null;
    readonly data?: {
      readonly cart?: { readonly id?: string | null; readonly attributes?: Attribute[] } | null;
    } | null;
  };
  /** Consent changes while the page is open (`visitorConsentCollected`). */
  readonly customerPrivacy?: {
    subscribe(
      name: 'visitorConsentCollected',
      callback: (event: { customerPrivacy: { analyticsProcessingAllowed: boolean } }) => unknown,
    ): unknown;
  };
  /** `fetch` with keepalive, when the beacon is refused; the global one by default. */
  readonly fetch?: typeof fetch;
  readonly warn?: (message: string) => void;
}

export interface PixelSettings {
  /** The Kasa server's URL, e.g. `https://kasa.example.pl`. */
  readonly collectorUrl: string;
  readonly shopId: string;
}

const SHOP_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The collector's URL from the settings: HTTPS only (plain HTTP for localhost, in development);
 * undefined for anything else.
 *
 * @example collectorEndpoint('https://kasa.example.pl/'); // 'https://kasa.example.pl/api/collect'
 */
export function collectorEndpoint(serverUrl: unknown): string | undefined {
  if (typeof serverUrl !== 'string') return undefined;
  try {
    const url = new URL(serverUrl.trim());
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${COLLECT_PATH}`;
  } catch {
    return undefined;
  }
}

/**
 * Starts the pixel. Returns whether it started (false when the settings are unusable).
 *
 * @example
 * register((api) => startPixel(api, { collectorUrl: api.settings.collectorUrl, shopId: api.settings.shopId }));
 */
export function startPixel(host: PixelHost, settings: PixelSettings): boolean {
  const warn = host.warn ?? ((message: string) => console.warn(`[kasa pixel] ${message}`));
  const endpoint = collectorEndpoint(settings.collectorUrl);
  if (!endpoint || !SHOP_ID.test(settings.shopId ?? '')) {
    warn('settings: collectorUrl must be the Kasa server (https) and shopId Kasa’s shop id');
    return false;
  }
  let consented = host.init.customerPrivacy?.analyticsProcessingAllowed === true;
  host.customerPrivacy?.subscribe('visitorConsentCollected', (event) => {
    consented = event.customerPrivacy?.analyticsProcessingAllowed === true;
  });
  const options = { shopId: settings.shopId, cart: host.init.data?.cart ?? null };

  async function send(body: string): Promise<void> {
    try {
      if (await host.browser.sendBeacon(endpoint as string, body)) return;
    } catch {
      // A refused beacon falls back to fetch.
    }
    const post = host.fetch ?? globalThis.fetch;
    await post(endpoint as string, {
      method: 'POST',
      body,
      keepalive: true,
      headers: { 'content-type': 'text/plain' },
    });
  }

  async function handle(event: MappedShopifyEvent): Promise<void> {
    // Read consent when the event comes: the shopper may have withdrawn it since the page loaded.
    if (!consented) return;
    const events = browserEvents(await toKasaEvents(event, options));
    if (events.length === 0) return;
    await send(JSON.stringify({ events }));
  }

  for (const name of MAPPED_EVENTS) {
    host.analytics.subscribe(name, (event: MappedShopifyEvent) => {
      handle(event).catch(() => warn(`could not send ${name}`));
    });
  }
  return true;
}
