import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const folder = (config?: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'kasa.config.json'), JSON.stringify(config));
  return dir;
};

describe('configuration', () => {
  it('needs nothing to start: every key has a default', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config).toMatchObject({ port: 3000, databaseFile: '.kasa/kasa.db', shopId: 'demo' });
  });

  it('reads kasa.config.json and lets the environment override it', () => {
    const config = loadConfig({ env: { KASA_PORT: '8080' }, cwd: folder({ port: 4000, shopId: 'sklep' }) });
    expect(config.port).toBe(8080);
    expect(config.shopId).toBe('sklep');
  });

  it('names the bad key, where it came from and how to fix it', () => {
    expect(() => loadConfig({ env: { KASA_PORT: 'eighty' }, cwd: folder() })).toThrow(
      /port: .*environment variable KASA_PORT; correct the value/,
    );
    expect(() => loadConfig({ env: {}, cwd: folder({ rateLimit: { max: 0 } }) })).toThrow(
      /rateLimit\.max: .*kasa\.config\.json/,
    );
    expect(() => loadConfig({ env: {}, cwd: folder({ prot: 3000 }) })).toThrow(/remove "prot"/);
  });

  it('takes the payment and pickup providers from the registry: the sandbox by default, another named', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config.payments).toEqual({ provider: 'sandbox', settings: {} });
    expect(config.pickup).toEqual({ provider: 'sandbox', settings: {} });
    expect(() => loadConfig({ env: { KASA_PAYMENTS_PROVIDER: 'paypal' }, cwd: folder() })).toThrow(
      /payments\.provider: use one of sandbox.*environment variable KASA_PAYMENTS_PROVIDER/,
    );
    expect(() =>
      loadConfig({ env: {}, cwd: folder({ pickup: { provider: 'sandbox', token: 'x' } }) }),
    ).toThrow(/pickup.*token/);
    // A chosen provider's missing setting is named with where to find it and its variable.
    expect(() => loadConfig({ env: { KASA_PAYMENTS_PROVIDER: 'payu' }, cwd: folder() })).toThrow(
      /payments\.clientSecret: missing; it is PayU panel .* \(set KASA_PAYU_CLIENT_SECRET, or payments\.clientSecret in kasa\.config\.json\)/,
    );
    const payu = loadConfig({
      env: {
        KASA_PAYMENTS_PROVIDER: 'payu',
        KASA_PAYU_POS_ID: '145227',
        KASA_PAYU_CLIENT_ID: '145227',
        KASA_PAYU_CLIENT_SECRET: '12f071174cb7eb79d4aac5bc2f07563f',
        KASA_PAYU_SECOND_KEY: '13a980d4f851f3d9a1cfc792fb1f5e50',
      },
      cwd: folder(),
    });
    expect(payu.payments).toMatchObject({ provider: 'payu', settings: { posId: '145227' } });
  });

  it("takes the shop's terms, privacy and account pages from the file or the environment, as http(s) URLs", () => {
    const config = loadConfig({
      env: { KASA_PRIVACY_URL: 'https://sklep.example.pl/prywatnosc' },
      cwd: folder({ shopPages: { termsUrl: 'https://sklep.example.pl/regulamin' } }),
    });
    expect(config.shopPages).toEqual({
      termsUrl: 'https://sklep.example.pl/regulamin',
      privacyUrl: 'https://sklep.example.pl/prywatnosc',
    });
    expect(loadConfig({ env: {}, cwd: folder() }).shopPages).toEqual({});
    expect(() => loadConfig({ env: { KASA_ACCOUNT_URL: 'javascript:alert(1)' }, cwd: folder() })).toThrow(
      /shopPages\.accountUrl: .*KASA_ACCOUNT_URL/,
    );
  });

  it('normalises allowed origins and refuses a value that is not a URL', () => {
    const config = loadConfig({
      env: { KASA_ALLOWED_ORIGINS: 'https://sklep.pl/koszyk, http://localhost:8080' },
      cwd: folder(),
    });
    expect(config.allowedOrigins).toEqual(['https://sklep.pl', 'http://localhost:8080']);
    expect(() => loadConfig({ env: { KASA_ALLOWED_ORIGINS: 'sklep.pl' }, cwd: folder() })).toThrow(
      /allowedOrigins\.0/,
    );
  });

  it('refuses a merchant token a bearer header cannot carry', () => {
    expect(() =>
      loadConfig({ env: { KASA_MERCHANT_TOKEN: 'ten-thousand zlotys a month!' }, cwd: folder() }),
    ).toThrow(/analytics\.merchantToken: .*letters, digits/);
    const token = 'aB3-._~+/aB3-._~+/aB3-._~==';
    expect(loadConfig({ env: { KASA_MERCHANT_TOKEN: token }, cwd: folder() }).analytics.merchantToken).toBe(
      token,
    );
  });

  it('explains a config file that is not JSON', () => {
    const dir = folder();
    writeFileSync(join(dir, 'kasa.config.json'), '{ port: 1 ');
    expect(() => loadConfig({ env: {}, cwd: dir })).toThrow(/kasa\.config\.json is not a JSON object/);
  });

  describe('the store', () => {
    const KEY = `ck_${'a1'.repeat(20)}`;
    const SECRET = `cs_${'b2'.repeat(20)}`;
    const woo = {
      KASA_STORE_PLATFORM: 'woocommerce',
      KASA_WOOCOMMERCE_URL: 'https://sklep.pl/',
      KASA_WOOCOMMERCE_CONSUMER_KEY: KEY,
      KASA_WOOCOMMERCE_CONSUMER_SECRET: SECRET,
      KASA_WOOCOMMERCE_WEBHOOK_SECRET: 'whsec-0123456789',
    };
    const invalid = (env: Record<string, string>, config?: unknown) => {
      try {
        loadConfig({ env, cwd: folder(config) });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('the configuration was accepted');
    };

    it('is the sandbox unless configured', () => {
      expect(loadConfig({ env: {}, cwd: folder() }).store).toEqual({ platform: 'sandbox' });
    });

    it("takes a WooCommerce shop's settings from the environment, validated by the adapter's schema", () => {
      const { store } = loadConfig({ env: woo, cwd: folder() });
      expect(store).toMatchObject({
        platform: 'woocommerce',
        url: 'https://sklep.pl',
        consumerKey: KEY,
        consumerSecret: SECRET,
        timeoutMs: 10_000,
      });
    });

    it('takes the locker rates of a shop without the InPost plugin from KASA_WOOCOMMERCE_LOCKER_METHODS', () => {
      const env = { ...woo, KASA_WOOCOMMERCE_LOCKER_METHODS: 'flat_rate:3, easypack_parcel_machines' };
      expect(loadConfig({ env, cwd: folder() }).store).toMatchObject({
        lockerMethods: ['flat_rate:3', 'easypack_parcel_machines'],
      });
      expect(invalid({ ...woo, KASA_WOOCOMMERCE_LOCKER_METHODS: 'flat rate' })).toMatch(
        /store\.lockerMethods\.0.*rate id \(e\.g\. flat_rate:3\).*environment variable KASA_WOOCOMMERCE_LOCKER_METHODS/,
      );
    });

    it('takes a PrestaShop shop from kasa.config.json, with the secrets from the environment', () => {
      const { store } = loadConfig({
        env: {
          KASA_PRESTASHOP_WEBSERVICE_KEY: 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT',
          KASA_PRESTASHOP_MODULE_KEY: 'm'.repeat(32),
          KASA_PRESTASHOP_WEBHOOK_SECRET: 'w'.repeat(32),
          // Another platform's variables are not this store's keys.
          KASA_WOOCOMMERCE_CONSUMER_KEY: KEY,
        },
        cwd: folder({ store: { platform: 'prestashop', shopUrl: 'https://sklep.example.pl' } }),
      });
      expect(store).toMatchObject({
        platform: 'prestashop',
        shopUrl: 'https://sklep.example.pl',
        module: { key: 'm'.repeat(32) },
        paymentModule: 'kasa',
      });
    });

    it('stops the start naming the wrong credential, where it came from and the fix, never its value', () => {
      const swapped = invalid({ ...woo, KASA_WOOCOMMERCE_CONSUMER_KEY: SECRET });
      expect(swapped).toMatch(
        /- store\.consumerKey holds the consumer secret \(cs_…\): swap consumerKey and consumerSecret \(from environment variable KASA_WOOCOMMERCE_CONSUMER_KEY; correct the value\)/,
      );
      expect(swapped).not.toContain(SECRET);

      const { KASA_WOOCOMMERCE_CONSUMER_SECRET: _secret, ...withoutSecret } = woo;
      expect(invalid(withoutSecret)).toMatch(
        /store\.consumerSecret: missing; it is the REST API consumer secret \(cs_…\) from WooCommerce → Settings → Advanced → REST API \(set KASA_WOOCOMMERCE_CONSUMER_SECRET, or store\.consumerSecret in kasa\.config\.json\)/,
      );

      const presta = invalid(
        { KASA_PRESTASHOP_WEBSERVICE_KEY: 'short' },
        { store: { platform: 'prestashop', shopUrl: 'http://sklep.example.pl' } },
      );
      expect(presta).toMatch(/store\.shopUrl: shopUrl must use https:\/\/.*\(from kasa\.config\.json/);
      expect(presta).toMatch(
        /store\.webserviceKey: webserviceKey must be the 32-character key from Advanced Parameters › Webservice.*\(from environment variable KASA_PRESTASHOP_WEBSERVICE_KEY/,
      );
      expect(presta).toMatch(/store\.module: missing; it is the Kasa module settings/);
      expect(presta).toMatch(/store\.webhookSecret: missing; .*KASA_PRESTASHOP_WEBHOOK_SECRET/);
      expect(presta).not.toContain('short');
    });

    it("takes a Shoper shop's settings from the environment, nested ones included, and names a missing one", () => {
      const shoper = {
        KASA_STORE_PLATFORM: 'shoper',
        KASA_SHOPER_URL: 'https://sklep.shoparena.pl',
        KASA_SHOPER_LOGIN: 'kasa',
        KASA_SHOPER_PASSWORD: 'haslo-webapi-123',
        KASA_SHOPER_WEBHOOK_SECRET: 'klucz-webhooka-123',
        KASA_SHOPER_PAYMENT_ID: '3',
        KASA_SHOPER_COD_PAYMENT_ID: '2',
        KASA_SHOPER_LOCKER_SHIPPING_IDS: '4,7',
      };
      expect(loadConfig({ env: shoper, cwd: folder() }).store).toMatchObject({
        platform: 'shoper',
        shopUrl: 'https://sklep.shoparena.pl',
        auth: { login: 'kasa', password: 'haslo-webapi-123' },
        paymentIds: { prepaid: 3, cod: 2 },
        lockerShippingIds: [4, 7],
      });
      const { KASA_SHOPER_PAYMENT_ID: _payment, ...withoutPayment } = shoper;
      const missing = invalid(withoutPayment);
      expect(missing).toMatch(/store\.paymentIds.*KASA_SHOPER_PAYMENT_ID|store\.paymentIds.*paid orders/);
      expect(missing).not.toContain('haslo-webapi-123');
    });

    it('names the platforms it knows', () => {
      expect(invalid({ KASA_STORE_PLATFORM: 'magento' })).toMatch(
        /store\.platform: Invalid discriminator value\. Expected 'sandbox' \| 'woocommerce' \| 'prestashop' \| 'shopify' \| 'shoper' \(from environment variable KASA_STORE_PLATFORM/,
      );
      expect(invalid({}, { store: { platform: 'sandbox', url: 'https://sklep.pl' } })).toMatch(
        /store: .*remove "url"/,
      );
    });
  });
});
