import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prestashopConfigSchema } from '@kasa/adapter-prestashop';
import { refuseIncompleteShoperConfig, shoperConfigObject } from '@kasa/adapter-shoper';
import { refuseModeBWithoutCustomApp, shopifyConfigObject } from '@kasa/adapter-shopify';
import { wooCommerceConfigSchema } from '@kasa/adapter-woocommerce';
import { okrSchema } from '@kasa/analytics';
import { experimentSchema } from '@kasa/experiments';
import { z } from 'zod';
import { DEFAULT_OKR } from './analytics/default-okr.ts';
import { PAYMENT_PROVIDERS, PICKUP_PROVIDERS } from './plugins/registry.ts';
import { STOREFRONTS } from './storefront/adapter.ts';

const origin = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin);

/**
 * The shop Kasa sells for: the credential-free sandbox (default), or a WooCommerce or PrestaShop shop
 * with the settings its adapter package validates (the same zod schemas, so a wrong credential is
 * named the same way everywhere).
 */
export const storeSchema = z
  .discriminatedUnion('platform', [
    z.strictObject({ platform: z.literal('sandbox') }),
    wooCommerceConfigSchema.extend({ platform: z.literal('woocommerce') }),
    prestashopConfigSchema.extend({ platform: z.literal('prestashop') }),
    shopifyConfigObject.extend({ platform: z.literal('shopify') }).superRefine(refuseModeBWithoutCustomApp),
    shoperConfigObject.extend({ platform: z.literal('shoper') }).superRefine(refuseIncompleteShoperConfig),
  ])
  .prefault({ platform: 'sandbox' });
export type StoreConfig = z.output<typeof storeSchema>;
export type StoreConfigInput = NonNullable<z.input<typeof storeSchema>>;

/**
 * A provider block, `{ provider, …its settings }`: `provider` names one of the plugins (the first
 * is the default), the rest is checked with that plugin's own schema, whose messages say where the
 * merchant finds each value. Parsed to `{ provider, settings }`.
 */
function providerBlock<P extends { readonly name: string; readonly configSchema: z.ZodType }>(
  plugins: readonly P[],
) {
  const names = plugins.map((plugin) => plugin.name) as [string, ...string[]];
  return z
    .looseObject({ provider: z.enum(names, { error: `use one of ${names.join(', ')}` }).default(names[0]) })
    .transform((block, ctx) => {
      const { provider, ...rest } = block;
      const plugin = plugins.find((candidate) => candidate.name === provider) as P;
      const parsed = plugin.configSchema.safeParse(rest);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ ...issue, path: issue.path } as never);
        }
        return z.NEVER;
      }
      return { provider, settings: parsed.data as unknown };
    })
    .prefault({});
}

export const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** Where browsers reach this server; used for payment return and notification URLs. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** SQLite file of the embedded store; ':memory:' for a throw-away run. */
  databaseFile: z.string().min(1).default('.kasa/kasa.db'),
  /** The shop platform and its credentials; the sandbox store by default. */
  store: storeSchema,
  /** Who takes the money: `{ provider: 'sandbox' | 'payu' | …, …its settings }`; the sandbox by default. */
  payments: providerBlock(PAYMENT_PROVIDERS),
  /** Where parcel lockers come from: `{ provider: 'sandbox' | 'inpost' | …, … }`; the demo lockers by default. */
  pickup: providerBlock(PICKUP_PROVIDERS),
  /** Shop pages allowed to call the checkout API from a browser (CORS). */
  allowedOrigins: z.array(origin).default([]),
  /** Where analytics events are stored: the embedded SQLite file, or PostgreSQL for production. */
  events: z
    .strictObject({
      store: z.enum(['sqlite', 'postgres']).default('sqlite'),
      postgresUrl: z.string().startsWith('postgres').optional(),
    })
    .refine((events) => events.store === 'sqlite' || events.postgresUrl, {
      message: 'events.postgresUrl is required when events.store is "postgres"',
      path: ['postgresUrl'],
    })
    .prefault({}),
  /**
   * The first state of the A/B tests, written into the database on the first start only; from then on
   * they are created, started, stopped and shipped from the dashboard or `kasa experiment`, each change
   * in the audit list. The default runs the layout test: one-page (control) against multi-step, half
   * and half.
   */
  experiments: z.array(experimentSchema).default([
    {
      key: 'checkout-layout',
      variations: ['one-page', 'multi-step'],
      weights: [0.5, 0.5],
      coverage: 1,
      hashVersion: 2,
      status: 'running',
      startDate: '2026-11-01',
      kr: 'checkout-abandonment',
      alpha: 0.05,
    },
  ]),
  analytics: z
    .strictObject({
      /**
       * Opens the dashboard and the analytics API (`Authorization: Bearer …`). When absent, each start
       * makes a random one and prints the dashboard's address with it.
       */
      merchantToken: z
        .string()
        .min(24, 'use at least 24 random characters, e.g. `openssl rand -hex 16`')
        // What a bearer token may hold (RFC 6750); the dashboard's address carries it too.
        .regex(
          /^[A-Za-z0-9._~+/-]+=*$/,
          'use letters, digits and - . _ ~ + / only, e.g. `openssl rand -hex 16`',
        )
        .optional(),
      /** How long after its start a checkout may still convert before it counts as abandoned. */
      windowHours: z.coerce
        .number()
        .min(1)
        .max(24 * 30)
        .default(24),
      /** Objectives and key results; the dashboard can edit them (saved in the database). */
      okr: okrSchema.prefault(DEFAULT_OKR),
      /**
       * Simulated checkouts written at start when the store is empty, so a new install shows a living
       * dashboard; they are marked simulated everywhere. 0 turns it off.
       */
      seedCheckouts: z.coerce.number().int().min(0).max(200_000).default(20_000),
    })
    .prefault({}),
  /**
   * Optional: forward verified purchases to GA4 through the Measurement Protocol, with the shopper's
   * GA client and session ids when the tracker had analytics consent; queued in the database and
   * retried with backoff until GA4 takes them (up to 72 h).
   */
  ga4: z
    .strictObject({
      measurementId: z.string().regex(/^G-[A-Z0-9]+$/, "the stream's measurement id, e.g. G-ABC123XYZ"),
      apiSecret: z
        .string()
        .min(1, 'create one in GA4: Admin → Data streams → Measurement Protocol API secrets'),
      /** GA4's collection host; `https://region1.google-analytics.com` keeps collection in the EU. */
      endpoint: z
        .url({ protocol: /^https?$/ })
        .transform((url) => url.replace(/\/+$/, ''))
        .default('https://www.google-analytics.com'),
      /** Post to `/debug/mp/collect` and log GA4's validation messages (nothing is recorded in GA4). */
      validate: z.boolean().default(false),
      /** Without analytics consent: a random client id and ad signals denied ('anonymous'), or nothing ('skip'). */
      withoutConsent: z.enum(['anonymous', 'skip']).default('anonymous'),
    })
    .optional(),
  shopId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('demo'),
  /**
   * The shop's own pages the checkout links to, in its first view: the terms (a separate, unticked
   * checkbox the shopper must tick), the privacy policy (beside the button), and where a guest may
   * create an account (offered only after the order).
   */
  shopPages: z
    .strictObject({
      termsUrl: z.url({ protocol: /^https?$/ }).optional(),
      privacyUrl: z.url({ protocol: /^https?$/ }).optional(),
      accountUrl: z.url({ protocol: /^https?$/ }).optional(),
    })
    .prefault({}),
  demoShop: z
    .strictObject({
      enabled: z.boolean().default(true),
      port: z.coerce.number().int().min(0).max(65535).default(3001),
    })
    .prefault({}),
  /**
   * The secret a shop's server sends (`Authorization: Bearer …`) when it starts checkouts and fetches
   * their first view. Its calls skip the per-address write limit: one server starts the checkouts of
   * all the shop's shoppers. Browsers cannot send it (CORS does not allow the header).
   */
  shopKey: z.string().min(24, 'use at least 24 random characters, e.g. `openssl rand -hex 16`').optional(),
  rateLimit: z
    .strictObject({
      windowMs: z.coerce.number().int().min(1000).default(60_000),
      max: z.coerce.number().int().min(1).default(120),
    })
    .prefault({}),
  /** The event collector's own per-IP budget (batches per window). */
  collectRateLimit: z
    .strictObject({
      windowMs: z.coerce.number().int().min(1000).default(60_000),
      max: z.coerce.number().int().min(1).default(1_200),
    })
    .prefault({}),
  bodyLimitBytes: z.coerce.number().int().min(1024).max(1_048_576).default(16_384),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sandbox: z
    .strictObject({
      blikApproveAfterMs: z.coerce.number().int().min(0).default(2_000),
      blikApprovalWindowMs: z.coerce.number().int().min(1_000).default(60_000),
      freeShippingThresholdGrosze: z.coerce.number().int().min(0).default(20_000),
    })
    .prefault({}),
});
export type KasaConfig = z.infer<typeof configSchema>;
export type KasaConfigInput = z.input<typeof configSchema>;

/** Environment variables and the config keys they set. */
const ENV_KEYS: Record<string, string> = {
  KASA_PORT: 'port',
  KASA_HOST: 'host',
  KASA_PUBLIC_URL: 'publicUrl',
  KASA_DB: 'databaseFile',
  KASA_ALLOWED_ORIGINS: 'allowedOrigins',
  KASA_SHOP_ID: 'shopId',
  KASA_TERMS_URL: 'shopPages.termsUrl',
  KASA_PRIVACY_URL: 'shopPages.privacyUrl',
  KASA_ACCOUNT_URL: 'shopPages.accountUrl',
  KASA_EVENT_STORE: 'events.store',
  KASA_POSTGRES_URL: 'events.postgresUrl',
  KASA_DEMO_SHOP_PORT: 'demoShop.port',
  KASA_RATE_LIMIT_MAX: 'rateLimit.max',
  KASA_SHOP_KEY: 'shopKey',
  KASA_LOG_LEVEL: 'logLevel',
  KASA_MERCHANT_TOKEN: 'analytics.merchantToken',
  KASA_SEED_CHECKOUTS: 'analytics.seedCheckouts',
  KASA_STORE_PLATFORM: 'store.platform',
  KASA_PAYMENTS_PROVIDER: 'payments.provider',
  KASA_PICKUP_PROVIDER: 'pickup.provider',
};

/** A setting of a plugin's block: its environment variable (if any) and where the merchant finds it. */
type KnownKey = { readonly env?: string; readonly where: string };

/**
 * The settings of the store, the payment provider and the pickup provider in use, by dotted path
 * from the root (`store.url`, `payments.clientSecret`). A plugin's variables apply only when it is
 * the one chosen, so a stale variable of another is never an "unknown key".
 */
function chosenKeys(raw: Record<string, unknown>, overrides: KasaConfigInput | undefined) {
  const chosen = (block: string, key: string) =>
    String(
      ((overrides?.[block as keyof KasaConfigInput] ?? raw[block]) as Record<string, unknown> | undefined)?.[
        key
      ],
    );
  const blocks: [string, Readonly<Record<string, KnownKey>> | undefined, boolean][] = [
    [
      'store',
      STOREFRONTS[chosen('store', 'platform') as keyof typeof STOREFRONTS]?.settings,
      overrides?.store !== undefined,
    ],
    [
      'payments',
      PAYMENT_PROVIDERS.find((p) => p.name === chosen('payments', 'provider'))?.settings,
      overrides?.payments !== undefined,
    ],
    [
      'pickup',
      PICKUP_PROVIDERS.find((p) => p.name === chosen('pickup', 'provider'))?.settings,
      overrides?.pickup !== undefined,
    ],
  ];
  const keys: Record<string, KnownKey & { readonly fromEnv: boolean }> = {};
  for (const [block, settings, overridden] of blocks) {
    for (const [path, key] of Object.entries(settings ?? {}))
      keys[`${block}.${path}`] = { ...key, fromEnv: !overridden };
  }
  return keys;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

function readFile(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      `${file} is not a JSON object (${(error as Error).message}). Fix the file or remove it.`,
    );
  }
}

/**
 * Configuration from an optional `kasa.config.json` in `cwd`, overridden by `KASA_*` environment
 * variables. A bad value stops the start with a message that names the key, its source and the fix.
 *
 * @example
 * loadConfig({ env: { KASA_PORT: '8080' } }).port; // 8080
 */
export function loadConfig(
  input: { env?: NodeJS.ProcessEnv; cwd?: string; overrides?: KasaConfigInput } = {},
) {
  const env = input.env ?? process.env;
  const file = resolve(input.cwd ?? process.cwd(), 'kasa.config.json');
  const raw: Record<string, unknown> = existsSync(file) ? readFile(file) : {};
  /** Where each key was set, by dotted path; a nested key inherits its parent's source. */
  const sources = new Map<string, string>(Object.keys(raw).map((key) => [key, 'kasa.config.json']));
  const apply = (name: string, path: string) => {
    const value = env[name];
    if (value === undefined || value === '') return;
    setPath(raw, path, path === 'allowedOrigins' ? value.split(',').map((part) => part.trim()) : value);
    sources.set(path, `environment variable ${name}`);
    const top = path.split('.')[0] as string;
    if (!sources.has(top)) sources.set(top, `environment variable ${name}`);
  };
  for (const [name, path] of Object.entries(ENV_KEYS)) apply(name, path);
  const platformKeys = chosenKeys(raw, input.overrides);
  for (const [path, key] of Object.entries(platformKeys)) if (key.env && key.fromEnv) apply(key.env, path);
  const result = configSchema.safeParse({ ...raw, ...input.overrides });
  if (result.success) return result.data;
  const sourceOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n > 0; n--) {
      const found = sources.get(path.slice(0, n).join('.'));
      if (found) return found;
    }
    return 'kasa.config.json';
  };
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(root)';
    const known = platformKeys[key];
    if (issue.code === 'invalid_type' && issue.input === undefined && known) {
      const set = known.env
        ? `set ${known.env}, or ${key} in kasa.config.json`
        : `set ${key} in kasa.config.json`;
      return `  - ${key}: missing; it is ${known.where} (${set})`;
    }
    const fix =
      issue.code === 'unrecognized_keys'
        ? `remove ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : 'correct the value';
    // The adapters name their settings from their own root (`woocommerce.consumerKey`); here they live under `store`.
    const message = issue.message.replace(/^(woocommerce|shopify|shoper)\./, 'store.');
    const said = message.startsWith(`${key} `) ? message : `${key}: ${message}`;
    return `  - ${said} (from ${sourceOf(issue.path)}; ${fix})`;
  });
  throw new ConfigError(`Kasa cannot start: the configuration is invalid.\n${lines.join('\n')}`);
}
