import { z } from 'zod';

/** PayU's hosts (reference: poland.md §1.4). */
export const PAYU_HOSTS = {
  production: 'https://secure.payu.com',
  sandbox: 'https://secure.snd.payu.com',
} as const;

export type PayuEnvironment = keyof typeof PAYU_HOSTS;

/** Where the merchant finds the POS's keys, in PayU's panel. */
export const PAYU_KEYS_PLACE =
  'PayU panel › Online payments › My shops › <your shop> › POS › <your POS> › Keys';

const KEY_HINT = (name: string) =>
  `${name} is 32 letters and digits (0-9, a-f); copy it from ${PAYU_KEYS_PLACE} (sandbox: merchant.snd.payu.com)`;

/**
 * PayU's settings (the `payments` block of kasa.config.json without `provider`). Each message says
 * where the value is in the PayU panel.
 *
 * @example payuConfigSchema.parse({ posId: '300746', clientId: '300746', clientSecret: '2ee8…', secondKey: 'b6ca…' });
 */
export const payuConfigSchema = z.strictObject({
  environment: z
    .enum(['sandbox', 'production'], {
      error: 'environment is "sandbox" (secure.snd.payu.com, test money) or "production" (secure.payu.com)',
    })
    .default('sandbox'),
  posId: z
    .string({ error: `posId is required: the "POS ID (pos_id)" in ${PAYU_KEYS_PLACE}` })
    .regex(/^\d{1,12}$/, `posId is the "POS ID (pos_id)", digits only, in ${PAYU_KEYS_PLACE}`),
  clientId: z
    .string({ error: `clientId is required: "OAuth protocol – client_id" in ${PAYU_KEYS_PLACE}` })
    .regex(/^\d{1,12}$/, `clientId is "OAuth protocol – client_id", digits only, in ${PAYU_KEYS_PLACE}`),
  clientSecret: z
    .string({ error: `clientSecret is required: "OAuth protocol – client_secret" in ${PAYU_KEYS_PLACE}` })
    .regex(/^[0-9a-f]{32}$/i, KEY_HINT('clientSecret ("OAuth protocol – client_secret")')),
  secondKey: z
    .string({ error: `secondKey is required: "Second key (MD5)" in ${PAYU_KEYS_PLACE}` })
    .regex(/^[0-9a-f]{32}$/i, KEY_HINT('secondKey ("Second key (MD5)")')),
  /** Points the provider somewhere else than `environment`'s host: the local fake, a proxy. */
  baseUrl: z
    .url({ error: 'baseUrl is a full URL such as http://127.0.0.1:4010 (only for a fake or a proxy)' })
    .optional(),
  /** How long one call to PayU may take before it counts as unanswered. */
  timeoutMs: z
    .number({ error: 'timeoutMs is a number of milliseconds' })
    .int()
    .min(100, 'timeoutMs is at least 100')
    .max(60_000, 'timeoutMs is at most 60000')
    .default(10_000),
});

export type PayuConfig = z.infer<typeof payuConfigSchema>;
export type PayuConfigInput = z.input<typeof payuConfigSchema>;

/** The host the provider talks to: `baseUrl` when set, else the environment's. */
export const payuBaseUrl = (config: Pick<PayuConfig, 'environment' | 'baseUrl'>): string =>
  (config.baseUrl ?? PAYU_HOSTS[config.environment]).replace(/\/+$/, '');
