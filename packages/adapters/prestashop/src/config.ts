import { KasaError } from '@kasa/core';
import { z } from 'zod';

const moduleName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'must be a PrestaShop module name such as `kasa`' });

/**
 * One shop's connection settings. Every message names the setting and says where to find the right
 * value, because the merchant reads it, not a developer.
 */
export const prestashopConfigSchema = z.strictObject({
  /** The shop's base URL, e.g. `https://sklep.example.pl` (no `/api`). */
  shopUrl: z
    .url({ message: 'shopUrl must be the shop address, e.g. https://sklep.example.pl' })
    .refine((url) => /^https:\/\//.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url), {
      message: 'shopUrl must use https:// (plain http only for 127.0.0.1 or localhost)',
    })
    .transform((url) => url.replace(/\/+$/, '')),
  /**
   * The webservice key (Advanced Parameters › Webservice): 32 characters, sent as the Basic-auth
   * user with an empty password.
   */
  webserviceKey: z
    .string({
      message: 'webserviceKey is required: the 32-character key from Advanced Parameters › Webservice',
    })
    .regex(/^[A-Za-z0-9]{32}$/, {
      message:
        'webserviceKey must be the 32-character key from Advanced Parameters › Webservice (letters and digits only)',
    }),
  /** The Kasa module's endpoint and its shared key (module configuration page). */
  module: z.strictObject(
    {
      /** Default `<shopUrl>/index.php?fc=module&module=kasa&controller=api`, which needs no friendly URLs. */
      url: z.url({ message: 'module.url must be the Kasa module endpoint URL' }).optional(),
      key: z
        .string({
          message: 'module.key is required: the shared key shown on the Kasa module configuration page',
        })
        .min(32, {
          message:
            'module.key must be the shared key shown on the Kasa module configuration page (32+ characters)',
        }),
    },
    { message: 'module is required: { key } with the shared key from the Kasa module configuration page' },
  ),
  /** Secret the Kasa module signs its webhooks with (module configuration page). */
  webhookSecret: z
    .string({
      message: 'webhookSecret is required: the webhook secret from the Kasa module configuration page',
    })
    .min(32, {
      message:
        'webhookSecret must be the webhook secret from the Kasa module configuration page (32+ characters)',
    }),
  /** The installed, active PaymentModule orders paid through Kasa are attributed to. */
  paymentModule: moduleName.default('kasa'),
  /** First part of the payment label on the order, e.g. `BLIK (payu) #T123`. */
  paymentLabel: z
    .string()
    .regex(/^[^<>={}#]{1,60}$/, { message: 'paymentLabel must be 1–60 characters without < > = { } #' })
    .default('BLIK'),
  /** The cash-on-delivery PaymentModule (PrestaShop's own is `ps_cashondelivery`). */
  codModule: moduleName.default('ps_cashondelivery'),
  /**
   * Overrides for ids the module otherwise reports (default language, currency, Poland's country id,
   * the guest customer group, order states). Only for shops where the module cannot be asked.
   */
  shop: z
    .strictObject({
      langId: z.int().positive(),
      currencyId: z.int().positive(),
      countryId: z.int().positive(),
      guestGroupId: z.int().positive(),
      states: z.strictObject({
        paid: z.int().positive(),
        error: z.int().positive(),
        cod: z.int().positive(),
        cancelled: z.int().positive(),
      }),
    })
    .partial()
    .optional(),
  /**
   * PrestaShop 9 Admin API (OAuth2 client credentials, scopes `cart_read` and `order_write`). When set,
   * cart totals are read from `GET /admin-api/carts/{id}/view` and cash-on-delivery orders are made
   * with `POST /admin-api/orders` in the chosen state.
   */
  adminApi: z
    .strictObject({
      clientId: z
        .string({
          message: 'adminApi.clientId is required: the client id from Advanced Parameters › Admin API',
        })
        .min(1, { message: 'adminApi.clientId is the client id from Advanced Parameters › Admin API' }),
      clientSecret: z
        .string({
          message:
            'adminApi.clientSecret is required: the secret shown once when the Admin API client was created',
        })
        .min(1, {
          message: 'adminApi.clientSecret is the secret shown once when the Admin API client was created',
        }),
      /** The employee the Admin API records as the creator of cash-on-delivery orders. */
      employeeId: z
        .int({ message: 'adminApi.employeeId must be an employee id, e.g. 1' })
        .positive({ message: 'adminApi.employeeId must be an employee id, e.g. 1' }),
      /** Default `<shopUrl>/admin-api`. */
      url: z.url().optional(),
    })
    .optional(),
  /** Per-request timeout. */
  timeoutMs: z.int().min(50).max(120_000).default(10_000),
  /** Retries after the first try, for calls that are safe to repeat. */
  retries: z.int().min(0).max(10).default(3),
  retryBaseMs: z.int().min(1).max(10_000).default(250),
  retryMaxMs: z.int().min(1).max(60_000).default(8_000),
  /** The longest `Retry-After` Kasa waits out; a longer one fails the call at once. */
  maxRetryAfterMs: z.int().min(0).max(120_000).default(10_000),
  /** How long a cart read also answers the shipping quote and the placement check. */
  cartCacheMs: z.int().min(0).max(60_000).default(5_000),
});

export type PrestaShopConfigInput = z.input<typeof prestashopConfigSchema>;
export type PrestaShopConfig = z.output<typeof prestashopConfigSchema>;

const WHERE_TO_FIND: Readonly<Record<string, string>> = {
  shopUrl: 'the shop address, e.g. https://sklep.example.pl',
  webserviceKey: 'the 32-character key from Advanced Parameters › Webservice',
  module: 'the Kasa module settings ({ key }) from its configuration page',
  'module.key': 'the shared key shown on the Kasa module configuration page',
  webhookSecret: 'the webhook secret from the Kasa module configuration page',
  'adminApi.clientId': 'the client id from Advanced Parameters › Admin API',
  'adminApi.clientSecret': 'the secret shown once when the Admin API client was created',
  'adminApi.employeeId': 'an employee id, e.g. 1',
};

/**
 * Validates one shop's settings; throws KasaError('platform_config_invalid') whose `details.issues`
 * name each wrong setting.
 *
 * @example
 * parsePrestaShopConfig({ shopUrl: 'https://sklep.example.pl', webserviceKey: 'short', ... });
 * // KasaError platform_config_invalid, issues: [{ setting: 'webserviceKey', message: 'webserviceKey must be…' }]
 */
export function parsePrestaShopConfig(input: unknown): PrestaShopConfig {
  const parsed = prestashopConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new KasaError('platform_config_invalid', {
    details: {
      platform: 'prestashop',
      issues: parsed.error.issues.map((issue) => {
        const setting = issue.path.join('.') || '(root)';
        if (issue.code === 'unrecognized_keys') {
          return { setting, message: `unknown setting(s): ${issue.keys.join(', ')}` };
        }
        if (issue.code === 'invalid_type') {
          const where = WHERE_TO_FIND[setting];
          return {
            setting,
            message: `${setting} is missing or not a ${issue.expected}${where ? `: ${where}` : ''}`,
          };
        }
        return { setting, message: issue.message };
      }),
    },
  });
}

export const moduleUrl = (config: PrestaShopConfig): string =>
  config.module.url ?? `${config.shopUrl}/index.php?fc=module&module=kasa&controller=api`;
