import { type DiagnosticCheck, KasaError, runCheck } from '@kasa/core';
import { z } from 'zod';
import type { AdminClient } from './admin/client.ts';
import type { ShopifyConfig } from './config.ts';

/**
 * `kasa doctor` for a Shopify shop: one Admin GraphQL query (shop, the token's access scopes, the
 * webhook subscriptions), nothing written.
 */

/** Access scopes each mode needs of the Admin API token (a `write_` scope includes its `read_`). */
export const REQUIRED_SCOPES: Readonly<Record<'A' | 'B', readonly string[]>> = {
  // Order webhooks and the read-back of orders Shopify's checkout created.
  A: ['read_orders'],
  // orderCreate / orderCreateManualPayment / orderCancel, the guest customer upsert, variants.
  B: ['read_orders', 'write_orders', 'read_products', 'write_customers'],
};

/** Webhook topics Kasa reconciles with, as the Admin API names them. */
export const REQUIRED_WEBHOOKS = [
  'ORDERS_CREATE',
  'ORDERS_PAID',
  'ORDERS_CANCELLED',
  'APP_UNINSTALLED',
] as const;

const APP_PAGE = 'Settings → Apps and sales channels → Develop apps → your app';

const doctorSchema = z.looseObject({
  shop: z.looseObject({
    name: z.string(),
    myshopifyDomain: z.string(),
    plan: z.looseObject({ partnerDevelopment: z.boolean() }).optional(),
  }),
  currentAppInstallation: z.looseObject({ accessScopes: z.array(z.looseObject({ handle: z.string() })) }),
  webhookSubscriptions: z.looseObject({ nodes: z.array(z.looseObject({ topic: z.string() })) }),
});

const hintOf = (error: unknown): string | undefined => {
  const hint = error instanceof KasaError ? error.details?.hint : undefined;
  return typeof hint === 'string' ? hint : undefined;
};

const notChecked = (name: string, because: string): DiagnosticCheck => ({
  name,
  ok: false,
  detail: `Not checked: ${because}.`,
  fix: 'Fix the checks above first, then run kasa doctor again.',
});

/**
 * The scopes of `required` the token lacks; a `write_x` grant counts as `read_x`.
 *
 * @example missingScopes(['write_orders'], ['read_orders', 'write_customers']); // ['write_customers']
 */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  const has = new Set(granted);
  return required.filter(
    (scope) => !has.has(scope) && !(scope.startsWith('read_') && has.has(`write_${scope.slice(5)}`)),
  );
}

function modeCheck(config: ShopifyConfig): DiagnosticCheck {
  if (config.mode === 'A') {
    return {
      name: 'mode',
      ok: true,
      detail:
        'Mode A: Kasa’s step before Shopify checkout; Shopify takes the payment (allowed for every app and plan).',
    };
  }
  return {
    name: 'mode',
    ok: config.customApp,
    detail: config.customApp
      ? 'Mode B: Kasa takes the payment and writes the order; declared a custom app of this shop (customApp: true).'
      : 'Mode B without customApp: true: Shopify’s API terms (§2.3.18) forbid it for public apps.',
    ...(config.customApp
      ? {}
      : { fix: 'Set customApp: true only for an app created in this shop’s admin, or use mode A.' }),
  };
}

/**
 * Runs the Shopify checks: mode allowed, shop reachable, token accepted, API version served,
 * scopes present (naming each missing one), webhooks registered. Never throws.
 *
 * @example (await diagnoseShopify(config, admin)).find((c) => c.name === 'scopes'); // { ok: false, detail: 'The token lacks write_orders.', … }
 */
export async function diagnoseShopify(config: ShopifyConfig, admin: AdminClient): Promise<DiagnosticCheck[]> {
  const checks: DiagnosticCheck[] = [modeCheck(config)];
  let answer: { data: z.infer<typeof doctorSchema>; apiVersion: string | undefined } | undefined;
  let failure: unknown;
  try {
    const { data, apiVersion } = await admin.request<unknown>('KasaDoctor');
    answer = { data: doctorSchema.parse(data), apiVersion };
  } catch (error) {
    failure = error;
  }
  const code = failure instanceof KasaError ? failure.code : undefined;
  checks.push(
    await runCheck('reachable', () =>
      code === 'platform_unavailable'
        ? {
            name: 'reachable',
            ok: false,
            detail: `https://${config.shop} did not answer the Admin API in time (${JSON.stringify((failure as KasaError).details ?? {})}).`,
            fix: 'Check shop (the myshopify domain), the network, and Shopify’s status page; then run kasa doctor again.',
          }
        : { name: 'reachable', ok: true, detail: `https://${config.shop} answers the Admin API.` },
    ),
  );
  if (code === 'platform_unavailable') {
    checks.push(
      ...['credentials', 'api-version', 'scopes', 'webhooks'].map((n) =>
        notChecked(n, 'the shop did not answer'),
      ),
    );
    return checks;
  }
  if (answer === undefined) {
    const refused = code === 'platform_auth_failed';
    checks.push({
      name: 'credentials',
      ok: false,
      detail: refused
        ? 'Shopify refused the Admin API access token.'
        : `The Admin API answered unexpectedly: ${failure instanceof Error ? failure.message : String(failure)}.`,
      fix: refused
        ? `Copy the Admin API access token (shpat_…) again from ${APP_PAGE} → API credentials; reinstall the app if it was uninstalled.`
        : (hintOf(failure) ?? 'Run kasa doctor again; if it keeps failing, report it with this message.'),
    });
    checks.push(
      ...['api-version', 'scopes', 'webhooks'].map((n) => notChecked(n, 'the token was not accepted')),
    );
    return checks;
  }
  const { data, apiVersion } = answer;
  checks.push({
    name: 'credentials',
    ok: true,
    detail: `The token is accepted by ${data.shop.name} (${data.shop.myshopifyDomain}).`,
  });
  const served = apiVersion === undefined || apiVersion === config.apiVersion;
  checks.push({
    name: 'api-version',
    ok: served,
    detail: served
      ? `Shopify serves Admin API ${config.apiVersion}.`
      : `Kasa asked for Admin API ${config.apiVersion} and Shopify answered in ${apiVersion}: that version is no longer served.`,
    ...(served ? {} : { fix: `Set apiVersion (KASA_SHOPIFY_API_VERSION) to ${apiVersion} or newer.` }),
  });
  const missing = missingScopes(
    data.currentAppInstallation.accessScopes.map((s) => s.handle),
    REQUIRED_SCOPES[config.mode],
  );
  checks.push({
    name: 'scopes',
    ok: missing.length === 0,
    detail:
      missing.length === 0
        ? `The token has the scopes mode ${config.mode} needs (${REQUIRED_SCOPES[config.mode].join(', ')}).`
        : `The token lacks ${missing.join(', ')} (mode ${config.mode} needs ${REQUIRED_SCOPES[config.mode].join(', ')}).`,
    ...(missing.length === 0
      ? {}
      : {
          fix: `In ${APP_PAGE} → Configuration → Admin API access scopes, tick ${missing.join(', ')}, save, and reinstall the app.`,
        }),
  });
  const topics = new Set(data.webhookSubscriptions.nodes.map((n) => n.topic));
  const absent = REQUIRED_WEBHOOKS.filter((t) => !topics.has(t));
  checks.push({
    name: 'webhooks',
    ok: absent.length === 0,
    detail:
      absent.length === 0
        ? `Webhooks registered: ${REQUIRED_WEBHOOKS.join(', ')}.`
        : `No webhook subscription for ${absent.join(', ')}.`,
    ...(absent.length === 0
      ? {}
      : {
          fix: `Subscribe ${absent.map((t) => t.toLowerCase().replace('_', '/')).join(', ')} to https://<kasa>/api/webhooks/shopify (the app’s shopify.app.toml [webhooks], or webhookSubscriptionCreate).`,
        }),
  });
  if (data.shop.plan?.partnerDevelopment) {
    checks.push({
      name: 'trial-store',
      ok: true,
      detail: 'A development or trial store: Shopify lets orderCreate make at most 5 orders a minute here.',
    });
  }
  return checks;
}
