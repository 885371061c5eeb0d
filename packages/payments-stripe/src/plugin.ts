import type { DiagnosticCheck, PaymentPlugin, PluginContext } from '@kasa/core';
import { runCheck } from '@kasa/core';
import type Stripe from 'stripe';
import { keyMode, type StripeConfig, stripeConfigSchema, stripeSettings } from './config.ts';
import { toKasaError } from './errors.ts';
import { startStripeFake } from './fake/stripe-fake.ts';
import { createStripeClient, createStripePaymentProvider, KASA_WEBHOOK_EVENTS } from './provider.ts';

const HOW_TO_CREATE = [
  '1. Sign in at dashboard.stripe.com (a business in Poland or another BLIK country, paid out in PLN).',
  '2. Settings › Payment methods: turn on BLIK (and Cards if you set cards: true).',
  '3. Developers › API keys: copy the Secret key into KASA_STRIPE_SECRET_KEY (sk_test_… while testing, sk_live_… to go live).',
  '4. Developers › Webhooks › Add endpoint: <publicUrl>/api/payments/notify/stripe with the events ' +
    `${KASA_WEBHOOK_EVENTS.join(', ')}; copy its Signing secret into KASA_STRIPE_WEBHOOK_SECRET.`,
  '5. Run kasa doctor: it checks the key, the mode, BLIK on the account and the webhook endpoint.',
].join('\n');

const KEY_FIX =
  'Copy the Secret key again from Stripe Dashboard › Developers › API keys into KASA_STRIPE_SECRET_KEY.';

/** Why a call failed, in the merchant's words, without a secret. */
const reasonOf = (error: unknown): string => {
  const kasa = toKasaError(error, 'diagnose');
  if (kasa.code === 'platform_auth_failed') return 'Stripe refused the secret key';
  if (kasa.code === 'upstream_unavailable')
    return 'Stripe did not answer (network, timeout or a Stripe outage)';
  const code = kasa.details?.stripeCode;
  return `Stripe refused the request${typeof code === 'string' ? ` (${code})` : ''}`;
};

async function diagnose(config: StripeConfig, context: PluginContext): Promise<readonly DiagnosticCheck[]> {
  const mode = keyMode(config.secretKey);
  const checks: DiagnosticCheck[] = [
    {
      name: 'mode',
      ok: true,
      detail:
        mode === 'live'
          ? 'Live mode (sk_live_…): real payments.'
          : 'Test mode (sk_test_…): no money moves; use a live key to go live.',
    },
  ];
  const stripe = createStripeClient(config, 1);
  let account: Stripe.Account | undefined;
  checks.push(
    await runCheck('credentials', async () => {
      try {
        account = await stripe.accounts.retrieve(null);
        return {
          name: 'credentials',
          ok: true,
          detail: `Stripe accepted the secret key (account ${account.id}, ${account.country ?? 'country unknown'}).`,
        };
      } catch (error) {
        return { name: 'credentials', ok: false, detail: `${reasonOf(error)}.`, fix: KEY_FIX };
      }
    }),
  );
  if (!account) return checks;
  const found = account;
  checks.push(
    await runCheck('blik', () => {
      const state = found.capabilities?.blik_payments ?? 'not requested';
      return state === 'active'
        ? { name: 'blik', ok: true, detail: 'BLIK is active on the account.' }
        : {
            name: 'blik',
            ok: false,
            detail: `BLIK is ${state} on the account.`,
            fix: 'Turn BLIK on in Stripe Dashboard › Settings › Payment methods (the account must take PLN); Stripe may ask for business details first.',
          };
    }),
  );
  if (config.cards) {
    checks.push(
      await runCheck('cards', () => {
        const state = found.capabilities?.card_payments ?? 'not requested';
        return state === 'active'
          ? { name: 'cards', ok: true, detail: 'Card payments are active on the account.' }
          : {
              name: 'cards',
              ok: false,
              detail: `Card payments are ${state} on the account.`,
              fix: 'Finish the account setup in the Stripe Dashboard, or set cards: false.',
            };
      }),
    );
  }
  checks.push(
    await runCheck('webhook-endpoint', async () => {
      const fix = `Add an endpoint in Stripe Dashboard › Developers › Webhooks for ${context.notifyUrl} with the events ${KASA_WEBHOOK_EVENTS.join(', ')}, and copy its Signing secret into KASA_STRIPE_WEBHOOK_SECRET.`;
      let endpoints: Stripe.WebhookEndpoint[];
      try {
        endpoints = (await stripe.webhookEndpoints.list({ limit: 100 })).data;
      } catch (error) {
        return {
          name: 'webhook-endpoint',
          ok: false,
          detail: `${reasonOf(error)} listing the webhook endpoints.`,
          fix,
        };
      }
      const endpoint = endpoints.find((e) => e.url === context.notifyUrl);
      if (!endpoint) {
        return {
          name: 'webhook-endpoint',
          ok: false,
          detail: `No webhook endpoint sends to ${context.notifyUrl}.`,
          fix,
        };
      }
      const events = new Set<string>(endpoint.enabled_events);
      const lacking = events.has('*') ? [] : KASA_WEBHOOK_EVENTS.filter((e) => !events.has(e));
      if (endpoint.status !== 'enabled' || lacking.length > 0) {
        return {
          name: 'webhook-endpoint',
          ok: false,
          detail:
            endpoint.status !== 'enabled'
              ? `The endpoint for ${context.notifyUrl} is ${endpoint.status}.`
              : `The endpoint for ${context.notifyUrl} lacks the events ${lacking.join(', ')}.`,
          fix,
        };
      }
      return {
        name: 'webhook-endpoint',
        ok: true,
        detail: `Stripe sends the payment events to ${context.notifyUrl} (the signing secret is checked on the first event).`,
      };
    }),
  );
  return checks;
}

/**
 * Stripe as a Kasa payment provider: BLIK with the code typed in Kasa's form, cards on Stripe's page
 * when `cards` is on, refunds through the API.
 *
 * @example
 * const provider = stripePlugin.create(stripePlugin.configSchema.parse({ secretKey, webhookSecret }), context);
 */
export const stripePlugin: PaymentPlugin<StripeConfig> = {
  kind: 'payments',
  name: 'stripe',
  label: 'Stripe',
  configSchema: stripeConfigSchema,
  settings: stripeSettings,
  capabilities: ['blik_level0', 'card', 'refunds'],
  howToCreate: HOW_TO_CREATE,
  create: (config, context) => createStripePaymentProvider({ config, notifyUrl: context.notifyUrl }),
  async startFake() {
    const fake = await startStripeFake();
    const config = stripeConfigSchema.parse({
      secretKey: fake.secretKey,
      webhookSecret: fake.webhookSecret,
      apiUrl: fake.url,
      cards: true,
    });
    return { config, url: fake.url, close: () => fake.close() };
  },
  diagnose: async (config, context) => {
    try {
      return await diagnose(config, context);
    } catch (error) {
      return [
        {
          name: 'doctor',
          ok: false,
          detail: `The check failed unexpectedly: ${reasonOf(error)}.`,
          fix: 'Run kasa doctor again; if it keeps failing, report it with this message.',
        },
      ];
    }
  },
};
