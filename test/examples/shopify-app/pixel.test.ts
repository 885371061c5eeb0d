import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, SHOP_ORIGIN, startKasa } from '../../../apps/server/test/harness.ts';
import {
  collectorEndpoint,
  type PixelHost,
  startPixel,
} from '../../../examples/shopify-app/extensions/kasa-pixel/src/pixel.ts';
import {
  checkoutCompleted,
  checkoutStarted,
  journey,
  PERSONAL,
} from '../../../examples/shopify-app/samples/checkout-events.ts';
// @ts-expect-error: a plain script of the example, without type declarations
import { buildCustomPixel } from '../../../examples/shopify-app/scripts/build-custom-pixel.mjs';

type Handler = (event: unknown) => unknown;
type ConsentHandler = (event: { customerPrivacy: { analyticsProcessingAllowed: boolean } }) => unknown;

/** A stand-in for the api Shopify hands a pixel: records subscriptions and beacons. */
function standIn(consent: boolean, beaconAnswer = true) {
  const handlers = new Map<string, Handler>();
  const consentHandlers: ConsentHandler[] = [];
  const beacons: { url: string; body: string }[] = [];
  const fetches: { url: string; init: RequestInit }[] = [];
  const warnings: string[] = [];
  const host = {
    analytics: {
      subscribe: (name: string, callback: Handler) => {
        handlers.set(name, callback);
        return () => true;
      },
    },
    browser: {
      sendBeacon: async (url: string, body?: string) => {
        beacons.push({ url, body: body ?? '' });
        return beaconAnswer;
      },
    },
    init: {
      customerPrivacy: {
        analyticsProcessingAllowed: consent,
        marketingAllowed: false,
        preferencesProcessingAllowed: false,
        saleOfDataAllowed: false,
      },
      data: { cart: null },
    },
    customerPrivacy: {
      subscribe: (_name: string, callback: ConsentHandler) => {
        consentHandlers.push(callback);
        return () => true;
      },
    },
    fetch: (async (url: string, init: RequestInit) => {
      fetches.push({ url, init });
      return new Response('{}');
    }) as unknown as typeof fetch,
    warn: (message: string) => void warnings.push(message),
  };
  /** Fires a Shopify event at the pixel and waits for its send to finish. */
  const fire = async (event: { name: string }) => {
    await handlers.get(event.name)?.(event);
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const setConsent = (allowed: boolean) => {
    for (const handler of consentHandlers)
      handler({ customerPrivacy: { analyticsProcessingAllowed: allowed } });
  };
  return { host, handlers, beacons, fetches, warnings, fire, setConsent };
}

const settings = { collectorUrl: 'https://kasa.example.pl', shopId: 'herbaciarnia' };
const names = (body: string): string[] =>
  (JSON.parse(body) as { events: { name: string }[] }).events.map((event) => event.name);

describe('the pixel in a stand-in sandbox', () => {
  it('sends nothing without analytics consent, and starts once the shopper consents', async () => {
    const pixel = standIn(false);
    expect(startPixel(pixel.host as unknown as PixelHost, settings)).toBe(true);
    await pixel.fire(checkoutStarted());
    expect(pixel.beacons).toEqual([]);
    pixel.setConsent(true);
    await pixel.fire(checkoutStarted());
    expect(pixel.beacons.map((beacon) => names(beacon.body))).toEqual([
      ['begin_checkout', 'experiment_exposure'],
    ]);
    expect(pixel.beacons[0]?.url).toBe('https://kasa.example.pl/api/collect');
  });

  it('stops sending when consent is withdrawn mid-visit', async () => {
    const pixel = standIn(true);
    startPixel(pixel.host as unknown as PixelHost, settings);
    pixel.setConsent(false);
    for (const event of journey()) await pixel.fire(event);
    expect(pixel.beacons).toEqual([]);
  });

  it('subscribes to the checkout events and never sends the purchase itself', async () => {
    const pixel = standIn(true);
    startPixel(pixel.host as unknown as PixelHost, settings);
    expect([...pixel.handlers.keys()]).toEqual(
      expect.arrayContaining(['checkout_started', 'payment_info_submitted', 'checkout_completed']),
    );
    await pixel.fire(checkoutCompleted());
    expect(pixel.beacons.map((beacon) => names(beacon.body))).toEqual([['checkout_step_view']]);
    expect(pixel.beacons.some((beacon) => beacon.body.includes(PERSONAL.email))).toBe(false);
  });

  it('falls back to fetch with keepalive when the beacon is refused', async () => {
    const pixel = standIn(true, false);
    startPixel(pixel.host as unknown as PixelHost, settings);
    await pixel.fire(checkoutStarted());
    expect(pixel.fetches).toHaveLength(1);
    expect(pixel.fetches[0]?.init).toMatchObject({ method: 'POST', keepalive: true });
  });

  it('refuses settings that are not an https Kasa server and a shop id, with a warning, not a throw', () => {
    const pixel = standIn(true);
    expect(
      startPixel(pixel.host as unknown as PixelHost, { collectorUrl: 'http://evil.example', shopId: 'x' }),
    ).toBe(false);
    expect(startPixel(pixel.host as unknown as PixelHost, { ...settings, shopId: 'a b' })).toBe(false);
    expect(pixel.handlers.size).toBe(0);
    expect(pixel.warnings).toHaveLength(2);
    expect(collectorEndpoint('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/api/collect');
  });
});

describe("the pixel's payload at Kasa's real collector", () => {
  let kasa: Kasa;
  beforeAll(async () => {
    kasa = await startKasa();
  });
  afterAll(() => kasa.close());

  const post = (body: string) =>
    kasa.api('POST', '/api/collect', body, {
      'content-type': 'text/plain;charset=UTF-8',
      origin: SHOP_ORIGIN,
    });

  it("runs the app pixel's register callback, and the collector stores each event once, not twice on resend", async () => {
    const pixel = standIn(true);
    const api = {
      ...pixel.host,
      settings: { collectorUrl: kasa.url, shopId: 'demo' },
      _pixelInfo: {},
    };
    // The real register() hands the callback to Shopify's global; here the global runs it at once.
    (globalThis as { shopify?: unknown }).shopify = {
      extend: (_point: string, extend: (given: typeof api) => void) => extend(api),
    };
    await import('../../../examples/shopify-app/extensions/kasa-pixel/src/index.ts');
    expect(pixel.handlers.size).toBeGreaterThan(5);
    for (const event of journey()) await pixel.fire(event);
    const before = await kasa.runtime.events.count();
    const answers = [];
    for (const beacon of pixel.beacons) {
      expect(beacon.url).toBe(`${kasa.url}/api/collect`);
      answers.push((await post(beacon.body)).body);
    }
    const sent = pixel.beacons.flatMap((beacon) => names(beacon.body));
    expect(sent).toEqual([
      'view_cart',
      'begin_checkout',
      'experiment_exposure',
      'checkout_step_view',
      'checkout_step_view',
      'add_shipping_info',
      'add_payment_info',
      'checkout_step_view',
    ]);
    expect(answers.map((answer) => answer.rejected.length)).toEqual(pixel.beacons.map(() => 0));
    expect(answers.map((answer) => answer.stored)).toEqual(
      pixel.beacons.map((beacon) => names(beacon.body).length),
    );
    const stored = await eventually(
      () => kasa.runtime.events.count(),
      (count) => count === before + sent.length,
    );
    expect(stored).toBe(before + sent.length);
    for (const beacon of pixel.beacons)
      expect((await post(beacon.body)).body).toMatchObject({
        stored: 0,
        duplicates: names(beacon.body).length,
      });
    expect(await kasa.runtime.events.count()).toBe(before + sent.length);
  });

  it('is refused the purchase a browser might forge, which is why the pixel leaves it to the webhook', async () => {
    const { toKasaEvents } = await import(
      '../../../examples/shopify-app/extensions/kasa-pixel/src/map-events.ts'
    );
    const [, purchase] = await toKasaEvents(checkoutCompleted(), { shopId: 'demo' });
    const answer = await post(JSON.stringify({ events: [purchase] }));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('event_server_only');
  });

  it('the pasted custom pixel (the built bundle) sends the same payload', async () => {
    const code: string = await buildCustomPixel();
    const filled = code.replace('https://YOUR-KASA-SERVER', kasa.url).replace('YOUR-KASA-SHOP-ID', 'demo');
    const pixel = standIn(true);
    new Function('analytics', 'browser', 'init', 'api', filled)(
      pixel.host.analytics,
      pixel.host.browser,
      pixel.host.init,
      { customerPrivacy: pixel.host.customerPrivacy },
    );
    await pixel.fire(checkoutStarted());
    expect(pixel.beacons).toHaveLength(1);
    const app = standIn(true);
    startPixel(app.host as unknown as PixelHost, { collectorUrl: kasa.url, shopId: 'demo' });
    await app.fire(checkoutStarted());
    expect(pixel.beacons[0]).toEqual(app.beacons[0]);
    const answer = await post(pixel.beacons[0]?.body ?? '');
    expect(answer.body.rejected).toEqual([]);
    expect(answer.body.stored + answer.body.duplicates).toBe(2); // begin_checkout and the arm's exposure
    pixel.setConsent(false);
    await pixel.fire(checkoutStarted());
    expect(pixel.beacons).toHaveLength(1);
    expect(
      readFileSync(
        fileURLToPath(new URL('../../../examples/shopify-app/pixel/custom-pixel.ts', import.meta.url)),
        'utf8',
      ),
    ).toContain('startPixel');
  });
});
