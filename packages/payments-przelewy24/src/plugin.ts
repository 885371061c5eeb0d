import type { DiagnosticCheck, PaymentPlugin, PluginContext } from '@kasa/core';
import { runCheck } from '@kasa/core';
import { createP24Client } from './client.ts';
import {
  baseUrlOf,
  PANEL,
  type Przelewy24Config,
  przelewy24ConfigSchema,
  przelewy24Settings,
} from './config.ts';
import { createPrzelewy24Provider } from './provider.ts';

const CREDENTIALS_FIX = `Copy the POS ID (${PANEL.posId}) into KASA_P24_POS_ID and the API key (${PANEL.apiKey}) into KASA_P24_API_KEY. Sandbox keys work only with KASA_P24_ENVIRONMENT=sandbox, production keys only with production.`;

/** `kasa doctor` for Przelewy24: the host answers and `GET /api/v1/testAccess` accepts the credentials. */
export async function diagnosePrzelewy24(
  config: Przelewy24Config,
  context: Pick<PluginContext, 'fetch'>,
): Promise<readonly DiagnosticCheck[]> {
  const client = createP24Client(config, context.fetch);
  const host = baseUrlOf(config);
  const check = await runCheck('credentials', async () => {
    try {
      const answer = await client.testAccess();
      if (answer.ok && answer.data) {
        return {
          name: 'credentials',
          ok: true,
          detail: `${host} accepted POS ${config.posId} and its API key (testAccess).`,
        };
      }
      return {
        name: 'credentials',
        ok: false,
        detail: `${host} answered testAccess without confirming the credentials (HTTP ${answer.ok ? 200 : answer.status}).`,
        fix: CREDENTIALS_FIX,
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'platform_auth_failed') {
        return {
          name: 'credentials',
          ok: false,
          detail: `${host} refused POS ${config.posId} with this API key (HTTP 401).`,
          fix: CREDENTIALS_FIX,
        };
      }
      return {
        name: 'credentials',
        ok: false,
        detail: `${host} did not answer testAccess (${code ?? 'network error'}).`,
        fix: `Check that this server reaches ${host} over HTTPS (firewall, proxy, DNS), then run kasa doctor again.`,
      };
    }
  });
  return [
    check,
    {
      name: 'crc-key',
      ok: true,
      detail: `The CRC key (${PANEL.crc}) is not checked by testAccess: P24 checks it with each transaction's sign; a wrong one makes every payment fail with platform_config_invalid.`,
    },
  ];
}

/**
 * Przelewy24 as a Kasa payment plugin: BLIK Level 0, pay-by-link and card by redirect, refunds.
 *
 * @example
 * // kasa.config.json
 * { "payments": { "provider": "przelewy24", "merchantId": 123456, "apiKey": "…", "crc": "…", "environment": "sandbox" } }
 */
export const przelewy24Plugin: PaymentPlugin<Przelewy24Config> = {
  kind: 'payments',
  name: 'przelewy24',
  label: 'Przelewy24',
  configSchema: przelewy24ConfigSchema,
  settings: przelewy24Settings,
  capabilities: ['blik_level0', 'pay_by_link', 'card', 'refunds'],
  howToCreate: [
    'Open an account at przelewy24.pl (production) or ask P24 for a sandbox account (panel.sandbox.przelewy24.pl).',
    `In the panel: ${PANEL.merchantId}; ${PANEL.apiKey}; ${PANEL.crc}.`,
    'BLIK on your own page (Level 0, chargeByCode) must be switched on for the account by P24: ask their support.',
    'Refunds must be enabled for the account too. Kasa sends notifications to <publicUrl>/api/payments/notify/przelewy24, so the server must be reachable from P24 over HTTPS.',
  ].join(' '),
  async startFake() {
    const { startPrzelewy24Fake } = await import('./fake/index.ts');
    const fake = await startPrzelewy24Fake();
    const config = przelewy24ConfigSchema.parse({
      ...fake.credentials,
      environment: 'sandbox',
      baseUrl: fake.url,
      payerEmailFallback: 'sklep@example.com',
    });
    return { config, url: fake.url, close: () => fake.close() };
  },
  diagnose: diagnosePrzelewy24,
  create(config, context) {
    return createPrzelewy24Provider({
      config,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      refundNotifyUrl: context.notifyUrl,
      log: context.log,
    });
  },
};
