/**
 * The storefronts Kasa sells for, described once: the sandbox (default), WooCommerce, PrestaShop,
 * Shopify and Shoper.
 * Each says which settings it takes and where the merchant finds them, how to describe the shop in
 * messages, how to create its adapter, how to check it (`kasa doctor`) and, where there is one, its
 * local fake. Configuration, `kasa start`, `kasa doctor` and the runtime loop over this record.
 */
import { createPrestaShopAdapter } from '@kasa/adapter-prestashop';
import { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from '@kasa/adapter-sandbox';
import { createShoperAdapter } from '@kasa/adapter-shoper';
import { createShopifyAdapter } from '@kasa/adapter-shopify';
import { createWooCommerceAdapter } from '@kasa/adapter-woocommerce';
import { type DiagnosticCheck, money, type PluginSetting, type StorefrontAdapter } from '@kasa/core';
import type { SqliteDatabase } from '@kasa/storage';
import type { KasaConfig, StoreConfig } from '../config.ts';
import {
  type FakeStore,
  startPrestaShopFake,
  startShoperFake,
  startShopifyFake,
  startWooCommerceFake,
} from './fakes.ts';
import { keptShoperGrants, type ShoperAppstore, shoperAppstoreOf } from './shoper-tokens.ts';

/**
 * An adapter that may check its own connection end to end (reachability, credentials, versions,
 * module). `diagnose` is optional in the port; `kasa doctor` checks for it at run time.
 */
export type DiagnosableAdapter = StorefrontAdapter;

export interface Storefront {
  readonly adapter: DiagnosableAdapter;
  /** Only when the store is the sandbox: its catalogue, carts and orders for the demo shop and tests. */
  readonly sandbox?: SandboxAdapter;
  /** Only for Shoper with a listed AppStore application: its install and billing callbacks. */
  readonly shoperAppstore?: ShoperAppstore;
}

export interface StorefrontOptions {
  readonly config: Pick<KasaConfig, 'store' | 'sandbox'>;
  /** The server's database; the sandbox keeps its tables there. */
  readonly db?: SqliteDatabase;
  /** Sandbox only: the crash-safety test seam. */
  readonly onAfterPlaceOrder?: SandboxAdapterOptions['onAfterPlaceOrder'];
  /** Called once per call to the shop platform (not for the in-process sandbox). */
  readonly onPlatformCall?: (call: { readonly operation: string }) => void;
}

/** One storefront platform, for the settings `S` of its `store` block. */
export interface StorefrontPlugin<S extends StoreConfig = StoreConfig> {
  readonly name: S['platform'];
  readonly label: string;
  /** Paths inside `store` → where each comes from (the env variables apply only for this platform). */
  readonly settings: Readonly<Record<string, PluginSetting | { readonly where: string }>>;
  /** Who the shop is, for messages. Never a credential. */
  describe(store: S): string;
  create(store: S, options: StorefrontOptions): Storefront;
  /** `kasa doctor` for a store whose adapter cannot check itself. */
  diagnose?(store: S): Promise<DiagnosticCheck[]>;
  /** Whether the platform sends webhooks to `/api/webhooks/<name>`. */
  readonly webhooks: boolean;
  /** A local fake of the platform with the demo shop's catalogue: `kasa start --store <name>-fake`. */
  startFake?(): Promise<FakeStore>;
}

type Plugins = {
  readonly [P in StoreConfig['platform']]: StorefrontPlugin<Extract<StoreConfig, { platform: P }>>;
};

/** Settings without the `platform` key, as the adapter packages take them. */
const settingsOf = <S extends { platform: string }>({ platform: _platform, ...settings }: S) => settings;
const callCounter = (options: StorefrontOptions) =>
  options.onPlatformCall ? { onCall: options.onPlatformCall } : {};

export const STOREFRONTS: Plugins = {
  sandbox: {
    name: 'sandbox',
    label: 'Sandbox',
    settings: {},
    describe: () => 'sandbox (demo store, no credentials)',
    create(_store, options) {
      const adapter = createSandboxAdapter({
        ...(options.db ? { db: options.db } : {}),
        freeShippingThreshold: money(options.config.sandbox.freeShippingThresholdGrosze),
        ...(options.onAfterPlaceOrder ? { onAfterPlaceOrder: options.onAfterPlaceOrder } : {}),
      });
      return { adapter, sandbox: adapter };
    },
    diagnose: async () => [
      {
        name: 'store',
        ok: true,
        detail: 'The sandbox store is built in and needs no credentials; nothing to check.',
      },
    ],
    webhooks: false,
  },
  woocommerce: {
    name: 'woocommerce',
    label: 'WooCommerce',
    settings: {
      url: { env: 'KASA_WOOCOMMERCE_URL', where: 'the shop address, e.g. https://sklep.pl' },
      consumerKey: {
        env: 'KASA_WOOCOMMERCE_CONSUMER_KEY',
        where: 'the REST API consumer key (ck_…) from WooCommerce → Settings → Advanced → REST API',
      },
      consumerSecret: {
        env: 'KASA_WOOCOMMERCE_CONSUMER_SECRET',
        where: 'the REST API consumer secret (cs_…) from WooCommerce → Settings → Advanced → REST API',
        secret: true,
      },
      webhookSecret: {
        env: 'KASA_WOOCOMMERCE_WEBHOOK_SECRET',
        where: 'the webhook secret from Settings → Kasa in WordPress',
        secret: true,
      },
      lockerMethods: {
        env: 'KASA_WOOCOMMERCE_LOCKER_METHODS',
        where:
          'the shipping rates that deliver to an InPost parcel locker, comma-separated method or rate ids (e.g. flat_rate:3)',
      },
    },
    describe: (store) => `WooCommerce ${store.url}`,
    create: (store, options) => ({
      adapter: createWooCommerceAdapter(settingsOf(store), callCounter(options)),
    }),
    webhooks: true,
    startFake: startWooCommerceFake,
  },
  prestashop: {
    name: 'prestashop',
    label: 'PrestaShop',
    settings: {
      shopUrl: { env: 'KASA_PRESTASHOP_URL', where: 'the shop address, e.g. https://sklep.example.pl' },
      webserviceKey: {
        env: 'KASA_PRESTASHOP_WEBSERVICE_KEY',
        where: 'the 32-character key from Advanced Parameters › Webservice',
        secret: true,
      },
      module: { where: 'the Kasa module settings { key } from its configuration page' },
      'module.key': {
        env: 'KASA_PRESTASHOP_MODULE_KEY',
        where: 'the shared key shown on the Kasa module configuration page',
        secret: true,
      },
      'module.url': { env: 'KASA_PRESTASHOP_MODULE_URL', where: 'the Kasa module endpoint URL' },
      webhookSecret: {
        env: 'KASA_PRESTASHOP_WEBHOOK_SECRET',
        where: 'the webhook secret from the Kasa module configuration page',
        secret: true,
      },
    },
    describe: (store) => `PrestaShop ${store.shopUrl}`,
    create: (store, options) => ({
      adapter: createPrestaShopAdapter(settingsOf(store), callCounter(options)),
    }),
    webhooks: true,
    startFake: startPrestaShopFake,
  },
  shopify: {
    name: 'shopify',
    label: 'Shopify',
    settings: {
      shop: { env: 'KASA_SHOPIFY_SHOP', where: 'the shop’s myshopify domain, e.g. sklep.myshopify.com' },
      adminAccessToken: {
        env: 'KASA_SHOPIFY_ADMIN_ACCESS_TOKEN',
        where: 'the Admin API access token (shpat_…) of the shop’s custom app, from its API credentials',
        secret: true,
      },
      apiSecretKey: {
        env: 'KASA_SHOPIFY_API_SECRET_KEY',
        where: 'the custom app’s API secret key (it signs the webhooks)',
        secret: true,
      },
      storefrontPrivateToken: {
        env: 'KASA_SHOPIFY_STOREFRONT_PRIVATE_TOKEN',
        where: 'the custom app’s Storefront API private access token',
        secret: true,
      },
      apiVersion: { env: 'KASA_SHOPIFY_API_VERSION', where: 'the Admin API version, e.g. 2025-10' },
      mode: {
        env: 'KASA_SHOPIFY_MODE',
        where:
          'A (Kasa’s step, then Shopify checkout takes the money) or B (Kasa takes the money; custom app only)',
      },
      customApp: {
        env: 'KASA_SHOPIFY_CUSTOM_APP',
        where: 'true when the app is the shop’s own custom app (required for mode B, see README)',
      },
    },
    describe: (store) => `Shopify ${store.shop} (mode ${store.mode})`,
    create: (store, options) => ({
      adapter: createShopifyAdapter(settingsOf(store), callCounter(options)),
    }),
    webhooks: true,
    startFake: startShopifyFake,
  },
  shoper: {
    name: 'shoper',
    label: 'Shoper',
    settings: {
      shopUrl: { env: 'KASA_SHOPER_URL', where: 'the shop address, e.g. https://sklep.shoparena.pl' },
      auth: {
        where:
          'the WebAPI user { login, password } or the AppStore app { clientId, clientSecret, refreshToken }',
      },
      'auth.login': {
        env: 'KASA_SHOPER_LOGIN',
        where:
          'the login of an admin-panel user in a group with WebAPI access (Ustawienia → Administracja, system → Administratorzy)',
      },
      'auth.password': { env: 'KASA_SHOPER_PASSWORD', where: 'that WebAPI user’s password', secret: true },
      'auth.clientId': { env: 'KASA_SHOPER_CLIENT_ID', where: 'the AppStore application’s client id' },
      'auth.clientSecret': {
        env: 'KASA_SHOPER_CLIENT_SECRET',
        where: 'the AppStore application’s client secret',
        secret: true,
      },
      'auth.refreshToken': {
        env: 'KASA_SHOPER_REFRESH_TOKEN',
        where: 'the refresh token the shop’s install of the AppStore application received',
        secret: true,
      },
      webhookSecret: {
        env: 'KASA_SHOPER_WEBHOOK_SECRET',
        where: 'the key (“Klucz”) set on the shop’s webhook to Kasa (Ustawienia → Integracje → Webhooki)',
        secret: true,
      },
      appstoreSecret: {
        env: 'KASA_SHOPER_APPSTORE_SECRET',
        where:
          'the AppStore application’s secret (partner panel): Kasa then takes the AppStore’s install callback at /api/shoper/appstore',
        secret: true,
      },
      webhookScheme: {
        env: 'KASA_SHOPER_WEBHOOK_SCHEME',
        where:
          'admin (a webhook made in the admin panel, default) or appstore (one made by the AppStore application)',
      },
      'paymentIds.prepaid': {
        env: 'KASA_SHOPER_PAYMENT_ID',
        where: 'the id of the payment method Kasa’s paid orders take (e.g. one named “Kasa: BLIK, przelew”)',
      },
      'paymentIds.cod': {
        env: 'KASA_SHOPER_COD_PAYMENT_ID',
        where: 'the id of the cash-on-delivery payment method',
      },
      lockerShippingIds: {
        env: 'KASA_SHOPER_LOCKER_SHIPPING_IDS',
        where: 'the shipping methods that deliver to an InPost parcel locker, comma-separated ids',
      },
    },
    describe: (store) => `Shoper ${store.shopUrl}`,
    create(store, options) {
      const grants = keptShoperGrants(store, options.db);
      const adapter = createShoperAdapter(settingsOf(store), {
        ...callCounter(options),
        ...(grants ? { keptGrant: grants.keptGrant, onTokens: grants.onTokens } : {}),
      });
      const appstore =
        grants && store.appstoreSecret !== undefined
          ? shoperAppstoreOf(adapter, store.appstoreSecret, grants)
          : undefined;
      return { adapter, ...(appstore ? { shoperAppstore: appstore } : {}) };
    },
    webhooks: true,
    startFake: startShoperFake,
  },
};

/** The plugin of a configured store. */
export const storefrontOf = (store: StoreConfig): StorefrontPlugin =>
  STOREFRONTS[store.platform] as unknown as StorefrontPlugin;

/** `woocommerce-fake`, `prestashop-fake`: every platform with a local fake. */
export const FAKE_STORES: readonly string[] = Object.values(STOREFRONTS).flatMap((plugin) =>
  plugin.startFake ? [`${plugin.name}-fake`] : [],
);

/** Who the shop is, for messages: `sandbox`, `WooCommerce https://sklep.pl`. Never a credential. */
export const describeStore = (store: StoreConfig): string => storefrontOf(store).describe(store);

/** Creates the configured store's adapter. Settings were validated with the configuration. */
export const createStorefront = (options: StorefrontOptions): Storefront =>
  storefrontOf(options.config.store).create(options.config.store, options);

/** Starts the local fake named `<platform>-fake`. */
export async function startFakeStore(name: string): Promise<FakeStore> {
  const plugin = Object.values(STOREFRONTS).find((p) => `${p.name}-fake` === name) as
    | StorefrontPlugin
    | undefined;
  if (!plugin?.startFake)
    throw new Error(`no local fake called ${name}: use one of ${FAKE_STORES.join(', ')}`);
  return plugin.startFake();
}
