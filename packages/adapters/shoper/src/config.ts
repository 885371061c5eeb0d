import { commaSeparated, parsePlatformConfig } from '@kasa/core';
import { z } from 'zod';

/** Where the merchant finds each setting in the Shoper admin panel (panel wording, checked against docs only). */
export const WHERE = {
  apiUser:
    'Ustawienia → Administracja, system → Administratorzy: a user in a group of type "Dostęp do WebAPI" (Grupy administratorów)',
  appstore: 'Shoper AppStore partner panel → your application → client id and secret (OAuth)',
  webhooks: 'Ustawienia → Integracje → Webhooki',
  payments: 'Ustawienia → Obsługa zamówienia → Płatności: the id in the address of the method’s edit page',
  shippings: 'Ustawienia → Obsługa zamówienia → Sposoby dostawy: the id in the address of the edit page',
  statuses: 'Ustawienia → Obsługa zamówienia → Statusy zamówień: the id in the address of the edit page',
} as const;

const secret = (field: string, what: string) =>
  z
    .string({ message: `shoper.${field} is required: ${what}` })
    .min(1, { message: `shoper.${field} is empty: ${what}` });

/** A Shoper id, also from an environment variable (digits as text). */
const shopId = (field: string, where: string) =>
  z.coerce
    .number({ message: `shoper.${field} must be a Shoper id (a positive integer): ${where}` })
    .int({ message: `shoper.${field} must be a whole number: ${where}` })
    .positive({ message: `shoper.${field} must be a positive id: ${where}` });

/** Ids given as a list or as comma-separated text (`KASA_SHOPER_LOCKER_SHIPPING_IDS=12,14`). */
const idList = commaSeparated(shopId('lockerShippingIds', WHERE.shippings));

const milliseconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const apiUserAuth = z.strictObject({
  login: secret('auth.login', `the login of a WebAPI user from ${WHERE.apiUser}`),
  password: secret('auth.password', `that user’s password (${WHERE.apiUser})`),
});

const appstoreAuth = z.strictObject({
  clientId: secret('auth.clientId', `the application’s client id from ${WHERE.appstore}`),
  clientSecret: secret('auth.clientSecret', `the application’s client secret from ${WHERE.appstore}`),
  /** Kept by the server after each renewal (`onTokens`); the first one comes from the code exchange. */
  refreshToken: z.string().min(1).optional(),
  /** The one-time code the shop hands over when the merchant installs the application. */
  authorizationCode: z.string().min(1).optional(),
});

/**
 * One shop's Shoper connection (REST webapi at `<shopUrl>/webapi/rest`). Extendable: refinements
 * across settings are in {@link refuseIncompleteShoperConfig}.
 */
export const shoperConfigObject = z.strictObject({
  /** The shop's address with https://, e.g. `https://sklep.shoparena.pl` or the shop's own domain. */
  shopUrl: z
    .string({ message: 'shoper.shopUrl is required: the shop address, e.g. https://sklep.shoparena.pl' })
    .refine((u) => URL.canParse(u) && /^https:\/\/[^/?#]+\/?$/i.test(u), {
      message:
        'shoper.shopUrl must be the shop address with https:// and no path, e.g. https://sklep.shoparena.pl',
    })
    .transform((u) => u.replace(/\/+$/, '')),
  /** Only for a local fake: where the calls meant for shopUrl go, e.g. http://127.0.0.1:41234. */
  endpoint: z
    .string()
    .refine((u) => /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(u), {
      message: 'shoper.endpoint is only for a local fake: http://127.0.0.1:<port>; remove it for a real shop',
    })
    .optional(),
  auth: z.union([apiUserAuth, appstoreAuth], {
    error: `shoper.auth is { login, password } of a WebAPI user (${WHERE.apiUser}) or { clientId, clientSecret, refreshToken | authorizationCode } of an AppStore application`,
  }),
  /** The webhook's key ("Klucz"), which signs each delivery (X-Webhook-SHA1). */
  webhookSecret: secret('webhookSecret', `the key ("Klucz") of Kasa's webhook in ${WHERE.webhooks}`),
  /** `admin`: a webhook made in the admin panel; `appstore`: one made by an AppStore application. */
  webhookScheme: z
    .enum(['admin', 'appstore'], { message: 'shoper.webhookScheme is "admin" (panel webhook) or "appstore"' })
    .default('admin'),
  /** The AppStore application's secret, for `webhookScheme: 'appstore'`. */
  appstoreSecret: z.string().min(1).optional(),
  /** The payment methods Kasa's orders carry: prepaid (e.g. "Kasa (BLIK, przelew)") and cash on delivery. */
  paymentIds: z.strictObject(
    {
      prepaid: shopId('paymentIds.prepaid', WHERE.payments),
      cod: shopId('paymentIds.cod', WHERE.payments).optional(),
    },
    {
      message: `shoper.paymentIds.prepaid is required: the payment method of Kasa's paid orders (${WHERE.payments})`,
    },
  ),
  /** Shippings that deliver to an InPost locker; without them a shipping is recognised by engine or name. */
  lockerShippingIds: idList.default([]),
  /** Order statuses; without them they are chosen by status type (1 new, 3 closed). */
  statusIds: z
    .strictObject({
      unpaid: shopId('statusIds.unpaid', WHERE.statuses).optional(),
      paid: shopId('statusIds.paid', WHERE.statuses).optional(),
      cancelled: shopId('statusIds.cancelled', WHERE.statuses).optional(),
    })
    .default({}),
  /** Per-call timeout. */
  timeoutMs: milliseconds(50, 120_000, 10_000),
  retry: z
    .strictObject({
      attempts: z.coerce.number().int().min(1).max(10).default(3),
      baseDelayMs: milliseconds(0, 10_000, 250),
      maxDelayMs: milliseconds(0, 60_000, 10_000),
    })
    .default({ attempts: 3, baseDelayMs: 250, maxDelayMs: 10_000 }),
  /** A 429 asking to wait longer than this gives up (platform_unavailable) instead of holding a checkout. */
  maxRetryAfterMs: milliseconds(0, 120_000, 10_000),
  /** The longest wait for the leaky bucket before one call. */
  maxBucketWaitMs: milliseconds(0, 60_000, 10_000),
  /** A token is renewed this long before it expires. */
  tokenMarginMs: milliseconds(0, 3_600_000, 60_000),
});

/**
 * Refuses settings that only make sense together: the AppStore scheme without its secret, an
 * AppStore app with neither a refresh token nor an authorization code nor the application secret
 * (with the secret, the AppStore's install callback brings the code).
 *
 * @example shoperConfigObject.extend({ platform: z.literal('shoper') }).superRefine(refuseIncompleteShoperConfig);
 */
export function refuseIncompleteShoperConfig(
  config: {
    readonly webhookScheme: 'admin' | 'appstore';
    readonly appstoreSecret?: string | undefined;
    readonly auth: object;
  },
  ctx: z.RefinementCtx,
): void {
  if (config.webhookScheme === 'appstore' && config.appstoreSecret === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['appstoreSecret'],
      message: `shoper.appstoreSecret is required with webhookScheme "appstore": the application secret from ${WHERE.appstore}`,
    });
  }
  const auth = config.auth as { clientId?: string; refreshToken?: string; authorizationCode?: string };
  if (
    auth.clientId !== undefined &&
    auth.refreshToken === undefined &&
    auth.authorizationCode === undefined &&
    config.appstoreSecret === undefined
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['auth', 'refreshToken'],
      message: `shoper.appstoreSecret is required for an AppStore application, so Kasa can take the install callback with its authorization code (from ${WHERE.appstore}); or set shoper.auth.refreshToken or shoper.auth.authorizationCode`,
    });
  }
}

export const shoperConfigSchema = shoperConfigObject.superRefine(refuseIncompleteShoperConfig);

export type ShoperConfigInput = z.input<typeof shoperConfigSchema>;
export type ShoperConfig = z.output<typeof shoperConfigSchema>;
export type ShoperAuthConfig = ShoperConfig['auth'];

/**
 * Validates one shop's configuration. Throws KasaError('platform_config_invalid') whose
 * `details.issues` name each wrong setting and where to find it; secrets are never echoed.
 *
 * @example
 * parseShoperConfig({ shopUrl: 'https://sklep.pl', auth: { login: 'kasa', password: '…' }, webhookSecret: '…', paymentIds: { prepaid: 7 } });
 */
export function parseShoperConfig(input: unknown): ShoperConfig {
  return parsePlatformConfig(shoperConfigSchema, input, { key: 'shoper', name: 'Shoper' });
}

/**
 * The REST base URL: the fake's endpoint when set, else the shop's.
 *
 * @example restBase({ shopUrl: 'https://sklep.pl' }); // 'https://sklep.pl/webapi/rest'
 */
export const restBase = (config: Pick<ShoperConfig, 'shopUrl' | 'endpoint'>): string =>
  `${config.endpoint ?? config.shopUrl}/webapi/rest`;
