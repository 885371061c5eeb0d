import { type DiagnosticCheck, KasaError, type PaymentPlugin, runCheck } from '@kasa/core';
import { createPayuClient } from './client.ts';
import { PAYU_HOSTS, PAYU_KEYS_PLACE, type PayuConfig, payuBaseUrl, payuConfigSchema } from './config.ts';
import { startFakePayu } from './fake/fake-payu.ts';
import { PAYU_PROVIDER_ID } from './methods.ts';
import { createPayuProvider } from './provider.ts';

/** `kasa doctor`'s check of PayU: the POS's OAuth credentials, on the configured host. */
async function diagnosePayu(
  config: PayuConfig,
  fetchImpl?: typeof fetch,
): Promise<readonly DiagnosticCheck[]> {
  const host = payuBaseUrl(config);
  const check = await runCheck('credentials', async () => {
    const client = createPayuClient({ config, ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }) });
    try {
      await client.authorize();
      return {
        name: 'credentials',
        ok: true,
        detail: `PayU (${config.environment}, ${host}) accepted the OAuth client_id ${config.clientId} and its client_secret.`,
      };
    } catch (error) {
      if (error instanceof KasaError && error.code === 'platform_auth_failed') {
        return {
          name: 'credentials',
          ok: false,
          detail: `PayU (${config.environment}, ${host}) refused the OAuth client_id ${config.clientId} or its client_secret.`,
          fix: `Copy "OAuth protocol – client_id" and "client_secret" from ${PAYU_KEYS_PLACE} into KASA_PAYU_CLIENT_ID and KASA_PAYU_CLIENT_SECRET. Sandbox keys (merchant.snd.payu.com) work only with KASA_PAYU_ENVIRONMENT=sandbox, production keys only with production.`,
        };
      }
      if (error instanceof KasaError && error.code === 'upstream_unavailable') {
        return {
          name: 'credentials',
          ok: false,
          detail: `PayU did not answer at ${host}.`,
          fix: `Check that this server can reach ${host} (firewall, proxy, DNS), then run kasa doctor again.`,
        };
      }
      throw error;
    }
  });
  return [check];
}

/**
 * PayU as a Kasa payment plugin: REST v2.1 with Kasa's own client, BLIK Level 0 (a POS configured
 * by PayU for "Transparent payment with BLIK authorization code"), bank transfer and card on PayU's
 * page, refunds.
 *
 * @example
 * const provider = payuPlugin.create(payuPlugin.configSchema.parse(settings), context);
 */
export const payuPlugin: PaymentPlugin<PayuConfig> = {
  kind: 'payments',
  name: PAYU_PROVIDER_ID,
  label: 'PayU',
  configSchema: payuConfigSchema,
  settings: {
    environment: {
      env: 'KASA_PAYU_ENVIRONMENT',
      where: `sandbox (test money, ${PAYU_HOSTS.sandbox}) or production (${PAYU_HOSTS.production})`,
    },
    posId: { env: 'KASA_PAYU_POS_ID', where: `${PAYU_KEYS_PLACE} › POS ID (pos_id)` },
    clientId: { env: 'KASA_PAYU_CLIENT_ID', where: `${PAYU_KEYS_PLACE} › OAuth protocol – client_id` },
    clientSecret: {
      env: 'KASA_PAYU_CLIENT_SECRET',
      where: `${PAYU_KEYS_PLACE} › OAuth protocol – client_secret`,
      secret: true,
    },
    secondKey: { env: 'KASA_PAYU_SECOND_KEY', where: `${PAYU_KEYS_PLACE} › Second key (MD5)`, secret: true },
    baseUrl: {
      env: 'KASA_PAYU_BASE_URL',
      where: 'only to point Kasa at a local fake or a proxy; leave unset',
    },
  },
  capabilities: ['blik_level0', 'pay_by_link', 'card', 'refunds'],
  howToCreate: [
    'Sandbox: register at https://registration-merch-prod.snd.payu.com/boarding/#/registerSandbox, then in the sandbox panel (merchant.snd.payu.com) add a shop and a POS of type REST API (Checkout).',
    `Production: in the PayU panel add a shop and a REST API POS; ${PAYU_KEYS_PLACE} shows pos_id, client_id, client_secret and the second key.`,
    'BLIK with the code typed in Kasa needs the POS configured by PayU for "Transparent payment with BLIK authorization code": ask PayU support (it cannot share a POS with redirect BLIK).',
    'PayU must approve a screenshot of the checkout showing its payer information (Kasa shows it with each PayU method).',
    'Kasa sends each order its notifyUrl (<publicUrl>/api/payments/notify/payu), so nothing is set in the panel for notifications.',
  ].join('\n'),
  async startFake() {
    const fake = await startFakePayu();
    return { config: fake.config, url: fake.url, close: () => fake.close() };
  },
  diagnose: (config, context) => diagnosePayu(config, context.fetch),
  create: (config, context) =>
    createPayuProvider({ config, ...(context.fetch === undefined ? {} : { fetch: context.fetch }) }),
};
