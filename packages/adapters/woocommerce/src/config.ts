import { commaSeparated, parsePlatformConfig } from '@kasa/core';
import { z } from 'zod';

const KEY = /^ck_[0-9a-f]{40}$/;
const SECRET = /^cs_[0-9a-f]{40}$/;
const WHERE = 'WooCommerce → Settings → Advanced → REST API';

/** The REST API key pair as WooCommerce generates it: `ck_`/`cs_` and 40 hex characters. */
const credential = (field: 'consumerKey' | 'consumerSecret') => {
  const what = field === 'consumerKey' ? 'consumer key (ck_…)' : 'consumer secret (cs_…)';
  return z
    .string({ message: `woocommerce.${field} is required: the REST API ${what} from ${WHERE}` })
    .superRefine((value, ctx) => {
      const wanted = field === 'consumerKey' ? KEY : SECRET;
      const other = field === 'consumerKey' ? SECRET : KEY;
      if (wanted.test(value)) return;
      const message = other.test(value)
        ? `woocommerce.${field} holds the ${field === 'consumerKey' ? 'consumer secret (cs_…)' : 'consumer key (ck_…)'}: swap consumerKey and consumerSecret`
        : `woocommerce.${field} must start with ${field === 'consumerKey' ? '"ck_"' : '"cs_"'} and have 40 hex characters after it: copy the ${what} from ${WHERE}`;
      ctx.addIssue({ code: 'custom', message });
    });
};

/** A list of shipping method or rate ids; a comma-separated text (an environment variable) is split. */
const shippingRates = commaSeparated(
  z.string().regex(/^[a-z0-9_-]+(:\d+)?$/i, {
    message: 'a shipping method id (e.g. easypack_parcel_machines) or rate id (e.g. flat_rate:3)',
  }),
);

const milliseconds = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

/**
 * One shop's WooCommerce connection. Shopper calls go to the Store API (no credentials, the cart's
 * Cart-Token); admin calls go to REST v3 with a Read/Write key.
 */
export const wooCommerceConfigSchema = z.strictObject({
  /** The shop's address, e.g. `https://sklep.pl`. Over `http://` the REST client signs with OAuth 1.0a. */
  url: z
    .string({ message: 'woocommerce.url is required: the shop address, e.g. https://sklep.pl' })
    .refine((u) => URL.canParse(u) && /^https?:\/\/[^/?#]+[^?#]*$/i.test(u), {
      message:
        'woocommerce.url must be the shop address with https:// (http:// for a local shop) and no query, e.g. https://sklep.pl',
    })
    .transform((u) => u.replace(/\/+$/, '')),
  consumerKey: credential('consumerKey'),
  consumerSecret: credential('consumerSecret'),
  /** The secret of the shop's order webhooks (the Kasa plugin shows it in its settings). */
  webhookSecret: z
    .string({ message: 'woocommerce.webhookSecret is required: copy it from Settings → Kasa in WordPress' })
    .min(8, { message: 'woocommerce.webhookSecret is too short: copy it from Settings → Kasa in WordPress' }),
  /** The REST prefix (WordPress `rest_url_prefix`). */
  restPrefix: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, { message: 'woocommerce.restPrefix is a path segment such as wp-json' })
    .default('wp-json'),
  /** Payment gateway ids the orders are placed with: the Kasa plugin's gateway, and cash on delivery. */
  gateways: z
    .strictObject({ prepaid: z.string().min(1).default('kasa'), cod: z.string().min(1).default('cod') })
    .default({ prepaid: 'kasa', cod: 'cod' }),
  /**
   * Shipping rates that deliver to an InPost parcel locker: method ids (prefixes; the official InPost
   * plugin's by default) or rate ids such as `flat_rate:3` (a flat rate the shop named "Paczkomat").
   * From the environment: `KASA_WOOCOMMERCE_LOCKER_METHODS=flat_rate:3,easypack_parcel_machines`.
   */
  lockerMethods: shippingRates.default(['easypack_parcel_machines']),
  /** Shipping rates that are a pickup in person: method ids (prefixes) or rate ids. */
  pickupMethods: shippingRates.default(['local_pickup', 'pickup_location']),
  /** Per-call timeout. */
  timeoutMs: milliseconds(50, 120_000, 10_000),
  retry: z
    .strictObject({
      /** Tries per call, the first included. */
      attempts: z.number().int().min(1).max(10).default(3),
      baseDelayMs: milliseconds(0, 10_000, 250),
      /** Cap of one wait, a `Retry-After` included. */
      maxDelayMs: milliseconds(0, 60_000, 10_000),
    })
    .default({ attempts: 3, baseDelayMs: 250, maxDelayMs: 10_000 }),
});

export type WooCommerceConfigInput = z.input<typeof wooCommerceConfigSchema>;
export type WooCommerceConfig = z.output<typeof wooCommerceConfigSchema>;

/**
 * Validates one shop's configuration. Throws KasaError('platform_config_invalid') whose
 * `details.issues` name each wrong setting and the fix; secrets are never echoed.
 *
 * @example
 * parseWooCommerceConfig({ url: 'https://sklep.pl', consumerKey: 'cs_…', … });
 * // issues: [{ path: 'woocommerce.consumerKey', message: 'woocommerce.consumerKey holds the consumer secret (cs_…): swap …' }]
 */
export function parseWooCommerceConfig(input: unknown): WooCommerceConfig {
  return parsePlatformConfig(wooCommerceConfigSchema, input, { key: 'woocommerce', name: 'WooCommerce' });
}
