import { parsePlatformConfig } from '@kasa/core';
import { ApiVersion } from '@shopify/shopify-api';
import { z } from 'zod';

const ADMIN = 'Settings → Apps and sales channels → Develop apps → your app → API credentials';

/** Every Admin API version @shopify/shopify-api 15 knows, `unstable` excluded. */
export const SUPPORTED_API_VERSIONS = Object.values(ApiVersion).filter((v) => v !== ApiVersion.Unstable);

/** Why mode B needs a custom app; the README quotes the same terms. */
export const MODE_B_NEEDS_CUSTOM_APP =
  'shopify.mode "B" (Kasa takes the payment and writes the order) is allowed only for the merchant’s own custom app: ' +
  'Shopify API Terms §2.3.18 forbid public apps to use an alternative to Shopify Checkout or to register transactions, ' +
  'and App Store requirement 1.1.2 ("Use Shopify checkout") prohibits it for listed apps. ' +
  'Set shopify.customApp: true (KASA_SHOPIFY_CUSTOM_APP=true) if this app was created in the shop’s admin for this shop only, ' +
  'or use mode "A" (Kasa’s step before Shopify checkout).';

const secret = (field: string, what: string) =>
  z
    .string({ message: `shopify.${field} is required: ${what}` })
    .min(8, { message: `shopify.${field} is too short: ${what}` });

const booleanText = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);
const milliseconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * One shop's Shopify connection. Admin GraphQL (orders, doctor) with the custom app's Admin API
 * token; the Storefront Cart API (carts, delivery options) with its private Storefront token.
 */
export const shopifyConfigObject = z.strictObject({
  /** The shop's permanent domain, `sklep.myshopify.com` (not the shop's own domain). */
  shop: z
    .string({ message: 'shopify.shop is required: the shop’s myshopify domain, e.g. sklep.myshopify.com' })
    .transform((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/\/+$/, ''),
    )
    .refine((s) => /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(s), {
      message:
        'shopify.shop must be the myshopify domain (sklep.myshopify.com), as shown in Settings → Domains; not the shop’s own domain',
    }),
  adminAccessToken: secret('adminAccessToken', `the Admin API access token (shpat_…) from ${ADMIN}`),
  apiSecretKey: secret('apiSecretKey', `the API secret key from ${ADMIN}; it signs the webhooks`),
  storefrontPrivateToken: secret(
    'storefrontPrivateToken',
    `the Storefront API private access token from ${ADMIN} (Storefront API integration)`,
  ),
  apiVersion: z
    .enum(SUPPORTED_API_VERSIONS as [ApiVersion, ...ApiVersion[]], {
      message: `shopify.apiVersion must be one of ${SUPPORTED_API_VERSIONS.join(', ')}`,
    })
    .default(ApiVersion.October25),
  /** A: Kasa's step, then Shopify checkout takes the money. B: Kasa takes the money, then writes the order. */
  mode: z
    .enum(['A', 'B'], {
      message: 'shopify.mode is "A" (Shopify checkout pays) or "B" (Kasa pays; custom app only)',
    })
    .default('A'),
  /** The merchant declares the app is a custom app of this shop only (required for mode B). */
  customApp: booleanText.default(false),
  /**
   * Only for a local fake (`kasa start --store shopify-fake`, tests): where the calls meant for
   * https://<shop> go instead, e.g. http://127.0.0.1:41234. Never set it for a real shop.
   */
  endpoint: z
    .string()
    .refine((u) => /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(u), {
      message:
        'shopify.endpoint is only for a local fake: http://127.0.0.1:<port>; remove it for a real shop',
    })
    .optional(),
  /** Per-call timeout. */
  timeoutMs: milliseconds(50, 120_000, 10_000),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(3),
      baseDelayMs: milliseconds(0, 10_000, 250),
      maxDelayMs: milliseconds(0, 60_000, 10_000),
    })
    .default({ attempts: 3, baseDelayMs: 250, maxDelayMs: 10_000 }),
  /**
   * After an `orderCreate` whose answer was lost finds no order, Kasa looks once more after this
   * wait before sending it again: Shopify's order search may lag behind a new order (documented for
   * search in general; not measured).
   */
  orderSearchLagMs: milliseconds(0, 30_000, 2_000),
  /** The longest Kasa waits for the GraphQL cost bucket to refill before one call. */
  maxThrottleWaitMs: milliseconds(0, 60_000, 10_000),
});

/**
 * Refuses mode B without `customApp: true`; a refinement apart so the server can extend the object first.
 *
 * @example shopifyConfigObject.extend({ platform: z.literal('shopify') }).superRefine(refuseModeBWithoutCustomApp);
 */
export function refuseModeBWithoutCustomApp(
  config: { readonly mode: 'A' | 'B'; readonly customApp: boolean },
  ctx: z.RefinementCtx,
): void {
  if (config.mode === 'B' && !config.customApp) {
    ctx.addIssue({ code: 'custom', path: ['customApp'], message: MODE_B_NEEDS_CUSTOM_APP });
  }
}

export const shopifyConfigSchema = shopifyConfigObject.superRefine(refuseModeBWithoutCustomApp);

export type ShopifyConfigInput = z.input<typeof shopifyConfigSchema>;
export type ShopifyConfig = z.output<typeof shopifyConfigSchema>;

/**
 * Validates one shop's configuration. Throws KasaError('platform_config_invalid') whose
 * `details.issues` name each wrong setting and the fix; secrets are never echoed.
 *
 * @example
 * parseShopifyConfig({ shop: 'sklep.myshopify.com', …, mode: 'B' });
 * // issues: [{ path: 'shopify.customApp', message: 'shopify.mode "B" … is allowed only for the merchant’s own custom app: …' }]
 */
export function parseShopifyConfig(input: unknown): ShopifyConfig {
  return parsePlatformConfig(shopifyConfigSchema, input, { key: 'shopify', name: 'Shopify' });
}
