import { type DiagnosticCheck, runCheck } from '@kasa/core';
import { z } from 'zod';
import type { WooCommerceConfig } from './config.ts';
import { type Answer, bodyOf, type CallRecord, isOk, singleTries } from './http.ts';
import { wpErrorOf } from './schemas.ts';

/**
 * `kasa doctor` for a WooCommerce shop: one try per call (no retries), nothing written. The Store
 * API is asked for a new, empty session's cart and then to check that empty cart out (refused as
 * empty, or for a missing nonce on an old Store API); REST v3 is asked for one order, to update
 * order 0 (refused as an unknown id, or for a Read-only key), for the system status (versions,
 * active plugins) and for the webhooks.
 */

/** Kasa needs the Additional Checkout Fields API and a Cart-Token-only Store API checkout. */
const MIN_VERSION = [8, 9] as const;
const KEYS_PAGE = 'WooCommerce → Settings → Advanced → REST API';

const systemStatusSchema = z.looseObject({
  environment: z
    .looseObject({ version: z.string().optional(), wp_version: z.string().optional() })
    .optional(),
  active_plugins: z
    .array(z.looseObject({ plugin: z.string(), name: z.string().optional(), version: z.string().optional() }))
    .optional(),
});

const webhookListSchema = z.array(
  z.looseObject({
    id: z.number(),
    name: z.string().optional(),
    status: z.string(),
    topic: z.string(),
    delivery_url: z.string(),
    /** The Kasa plugin (0.2+) adds its webhook's delivery state. */
    kasa: z
      .looseObject({
        failure_count: z.number().optional(),
        last_delivery: z
          .looseObject({ at: z.string().optional(), status: z.number(), error: z.string().optional() })
          .nullable()
          .optional(),
      })
      .optional(),
  }),
);

const cartGatewaysSchema = z.looseObject({ payment_methods: z.array(z.string()).optional() });

type Http = Extract<Answer, { kind: 'http' }>;

const notChecked = (name: string, because: string): DiagnosticCheck => ({
  name,
  ok: false,
  detail: `Not checked: ${because}.`,
  fix: 'Fix the checks above first, then run kasa doctor again.',
});

const code = (a: Http) => wpErrorOf(a.body)?.code ?? '';
const message = (a: Http) => wpErrorOf(a.body)?.message ?? '';

function olderThanMinimum(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1]);
}

/** Runs every check; never throws. */
export async function diagnoseWooCommerce(
  config: WooCommerceConfig,
  record: (call: CallRecord) => void = () => {},
): Promise<DiagnosticCheck[]> {
  const { store, rest } = singleTries(config, record);
  const storeBase = `${config.url}/${config.restPrefix}/wc/store/v1`;
  const restBase = `${config.url}/${config.restPrefix}/wc/v3`;
  const keyEnd = config.consumerKey.slice(-4);

  /** What a failed exchange says, for a detail: "no answer within 10000 ms", "HTTP 503". */
  const problemOf = (a: Answer) =>
    a.kind === 'network'
      ? a.timeout
        ? `no answer within ${config.timeoutMs} ms`
        : `the connection failed (${a.message})`
      : `HTTP ${a.status}${code(a) ? ` ${code(a)}` : ''}${message(a) ? `: ${message(a)}` : ''}`;

  // ---- the Store API: reachable, and a Cart-Token checkout without a nonce
  const cart = await store('diagnose: GET /cart', 'GET', '/cart', {});
  const reachable = await runCheck('reachable', async () => {
    if (cart.kind === 'network') {
      return {
        name: 'reachable',
        ok: false,
        detail: `Could not reach ${config.url}: ${problemOf(cart)}.`,
        fix: `Check woocommerce.url (${config.url}): the shop must be online and reachable from the Kasa server (its DNS name, firewall and TLS certificate).`,
      };
    }
    const body = bodyOf(cart);
    if (isOk(cart) && typeof body === 'object' && body !== null && 'items' in body) {
      return {
        name: 'reachable',
        ok: true,
        detail: `The shop answers at ${config.url} and its Store API works (${storeBase}).`,
      };
    }
    if (cart.status >= 500 || cart.status === 429) {
      return {
        name: 'reachable',
        ok: false,
        detail: `The shop at ${config.url} answers, but failed: ${problemOf(cart)}.`,
        fix: 'The shop is failing or limiting requests: check its PHP error log and hosting, then try again.',
      };
    }
    if (cart.status === 401 || cart.status === 403) {
      return {
        name: 'reachable',
        ok: false,
        detail: `The shop refused the Store API (${problemOf(cart)}).`,
        fix: `Something in front of WooCommerce blocks ${storeBase} (a security plugin, HTTP authentication or maintenance mode): allow it for the Kasa server.`,
      };
    }
    return {
      name: 'reachable',
      ok: false,
      detail: `${config.url} answers (${problemOf(cart)}), but there is no WooCommerce Store API at ${storeBase}.`,
      fix: `Check that woocommerce.url is the WordPress address, that WooCommerce is active, that Settings → Permalinks is not "Plain", and woocommerce.restPrefix if WordPress serves its REST API under another prefix than wp-json.`,
    };
  });

  // ---- REST v3: the key, its permissions, the system status and the webhooks
  const orders = await rest('diagnose: GET /orders', 'GET', 'orders', { params: { per_page: 1 } });
  const write = await rest('diagnose: PUT /orders/0', 'PUT', 'orders/0', { body: {} });
  const status = await rest('diagnose: GET /system_status', 'GET', 'system_status');
  const hooks = await rest('diagnose: GET /webhooks', 'GET', 'webhooks', { params: { per_page: 100 } });

  const readPermissionMissing = (a: Answer) =>
    a.kind === 'http' && a.status === 401 && /does not have read permissions/i.test(message(a));
  const writePermissionMissing = (a: Answer) =>
    a.kind === 'http' && a.status === 401 && /does not have write permissions/i.test(message(a));

  const credentials = await runCheck('credentials', async () => {
    const name = 'credentials';
    if (isOk(orders) || readPermissionMissing(orders)) {
      return {
        name,
        ok: true,
        detail: `WooCommerce accepted the REST API key ending in …${keyEnd} and its secret.`,
      };
    }
    if (orders.kind === 'network') {
      return {
        name,
        ok: false,
        detail: `REST v3 (${restBase}) did not answer: ${problemOf(orders)}.`,
        fix: `Check woocommerce.url (${config.url}) and that the shop is reachable from the Kasa server.`,
      };
    }
    const text = message(orders);
    if (orders.status === 401 && /consumer key is invalid/i.test(text)) {
      return {
        name,
        ok: false,
        detail: `WooCommerce does not know the consumer key ending in …${keyEnd}: woocommerce.consumerKey is wrong, or the key was revoked.`,
        fix: `Copy the consumer key (ck_…) of a Read/Write key from ${KEYS_PAGE} into woocommerce.consumerKey, or add a new key there.`,
      };
    }
    // OAuth (http): "signature does not match"; HTTP Basic (https): "Consumer secret is invalid."
    if (orders.status === 401 && /signature|consumer secret/i.test(text)) {
      return {
        name,
        ok: false,
        detail: `WooCommerce knows the consumer key ending in …${keyEnd}, but the consumer secret is wrong: woocommerce.consumerSecret does not belong to it.`,
        fix: `Copy the consumer secret (cs_…) shown when the key was added into woocommerce.consumerSecret; WooCommerce shows it only once, so if it is lost, revoke the key in ${KEYS_PAGE} and add a new one.`,
      };
    }
    if (orders.status === 401 && /timestamp/i.test(text)) {
      return {
        name,
        ok: false,
        detail:
          'WooCommerce refused the request time: the Kasa server’s clock is more than 15 minutes off the shop’s.',
        fix: 'Synchronise the Kasa server’s clock (NTP).',
      };
    }
    if (orders.status === 401 && code(orders) === 'woocommerce_rest_cannot_view') {
      return {
        name,
        ok: false,
        detail: 'WooCommerce saw no REST API key in the request (HTTP 401 woocommerce_rest_cannot_view).',
        fix: `Over https the key travels in the Authorization header: make sure the web server passes it to PHP (Apache: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1), and that woocommerce.consumerKey is a key from ${KEYS_PAGE}.`,
      };
    }
    if (code(orders) === 'rest_no_route' || orders.status === 404) {
      return {
        name,
        ok: false,
        detail: `There is no WooCommerce REST API at ${restBase} (${problemOf(orders)}).`,
        fix: 'Check woocommerce.url and woocommerce.restPrefix, and that WooCommerce is active.',
      };
    }
    if (orders.status === 403) {
      // The key authenticated; its user lacks a capability. Reported under permissions.
      return { name, ok: true, detail: `WooCommerce accepted the REST API key ending in …${keyEnd}.` };
    }
    return {
      name,
      ok: false,
      detail: `WooCommerce did not accept the REST API key: ${problemOf(orders)}.`,
      fix: `Check woocommerce.consumerKey and woocommerce.consumerSecret against ${KEYS_PAGE}.`,
    };
  });

  const permissions = await runCheck('permissions', async () => {
    const name = 'permissions';
    if (!credentials.ok) return notChecked(name, 'WooCommerce did not accept the key');
    const cannot = [orders, write].find(
      (a) => a.kind === 'http' && a.status === 403 && /cannot/.test(code(a)),
    ) as Http | undefined;
    if (cannot) {
      return {
        name,
        ok: false,
        detail: `The key belongs to a WordPress user who may not manage orders (${problemOf(cannot)}).`,
        fix: `Add a key in ${KEYS_PAGE} for a user with the Shop manager or Administrator role, with Read/Write permission.`,
      };
    }
    const canRead = isOk(orders);
    const canWrite =
      write.kind === 'http' &&
      (write.status === 400 || write.status === 404) &&
      code(write) === 'woocommerce_rest_shop_order_invalid_id';
    if (canRead && canWrite) {
      return { name, ok: true, detail: 'The key may read and update orders (Read/Write).' };
    }
    if (canRead && writePermissionMissing(write)) {
      return {
        name,
        ok: false,
        detail: 'The REST API key is Read only: Kasa could not mark orders paid or store its data with them.',
        fix: `In ${KEYS_PAGE}, edit the key ending in …${keyEnd} and set Permissions to Read/Write.`,
      };
    }
    if (readPermissionMissing(orders)) {
      return {
        name,
        ok: false,
        detail:
          'The REST API key is Write only: Kasa could not read orders back or find an earlier attempt’s order.',
        fix: `In ${KEYS_PAGE}, edit the key ending in …${keyEnd} and set Permissions to Read/Write.`,
      };
    }
    return {
      name,
      ok: false,
      detail: `Could not confirm the key may update orders: reading answered ${problemOf(orders)}, a harmless update of order 0 answered ${problemOf(write)}.`,
      fix: `Make sure the key in ${KEYS_PAGE} has Read/Write permission, then run kasa doctor again.`,
    };
  });

  const system = isOk(status) ? systemStatusSchema.safeParse(bodyOf(status)).data : undefined;
  const version = system?.environment?.version;

  const storeApiVersion = await runCheck('store-api-version', async () => {
    const name = 'store-api-version';
    if (!reachable.ok || cart.kind !== 'http') return notChecked(name, 'the Store API did not answer');
    const on = version ? `WooCommerce ${version}` : 'WooCommerce';
    if (version && olderThanMinimum(version)) {
      return {
        name,
        ok: false,
        detail: `${on} is older than ${MIN_VERSION.join('.')}, which Kasa needs (Additional Checkout Fields, checkout with a Cart-Token).`,
        fix: `Update WooCommerce to ${MIN_VERSION.join('.')} or newer (Dashboard → Updates).`,
      };
    }
    const token = cart.header('cart-token');
    if (!token) {
      return {
        name,
        ok: false,
        detail: `${on}’s Store API sent no Cart-Token header: Kasa cannot keep the shopper’s cart session.`,
        fix: `Update WooCommerce to ${MIN_VERSION.join('.')} or newer; if it is current, make sure no proxy or cache strips the Cart-Token response header from ${storeBase}.`,
      };
    }
    // An empty session's checkout: refused as empty by a current Store API (409), for the nonce by
    // an old one. WooCommerce checks the request's parameters before the cart, so the probe carries
    // a complete address; it can create nothing, the cart being empty.
    const address = {
      first_name: 'Kasa',
      last_name: 'Doctor',
      address_1: 'ul. Testowa 1',
      city: 'Warszawa',
      postcode: '00-001',
      country: 'PL',
    };
    // WooCommerce 8.9 wants the nonce its answers carry beside the token; Kasa sends it, as the adapter does.
    const nonce = cart.header('nonce');
    const probe = await store('diagnose: POST /checkout (empty cart)', 'POST', '/checkout', {
      token,
      ...(nonce ? { nonce } : {}),
      body: {
        billing_address: { ...address, email: 'kasa-doctor@example.invalid' },
        shipping_address: address,
        payment_method: config.gateways.cod,
      },
    });
    if (probe.kind === 'http' && code(probe) === 'woocommerce_rest_cart_empty') {
      return {
        name,
        ok: true,
        detail: `${on}: the Store API issues a Cart-Token and takes it at checkout (with the nonce its answers carry, which WooCommerce before 9 also wants).`,
      };
    }
    if (probe.kind === 'http' && /nonce/.test(code(probe))) {
      return {
        name,
        ok: false,
        detail: `${on}’s Store API refused its own nonce with a Cart-Token at checkout (${problemOf(probe)}): Kasa cannot place orders.`,
        fix: `Make sure nothing between Kasa and the shop (a cache, proxy or security plugin) strips the Nonce and Cart-Token headers of ${storeBase}; update WooCommerce to a current version if it is older than ${MIN_VERSION.join('.')}.`,
      };
    }
    return {
      name,
      ok: false,
      detail: `The Store API checkout answered an empty cart unexpectedly: ${problemOf(probe)}.`,
      fix: `Check that nothing (a security or cache plugin) intercepts POST ${storeBase}/checkout, then run kasa doctor again.`,
    };
  });

  const pluginInstalled = await runCheck('plugin-installed', async () => {
    const name = 'plugin-installed';
    if (!credentials.ok) return notChecked(name, 'WooCommerce did not accept the key');
    if (!system) {
      return {
        name,
        ok: false,
        detail: `Could not read the shop’s active plugins (GET /system_status: ${problemOf(status)}).`,
        fix: `Use a key of a Shop manager or Administrator (${KEYS_PAGE}), then run kasa doctor again.`,
      };
    }
    const kasa = system.active_plugins?.find(
      (p) => p.plugin === 'kasa-checkout.php' || p.plugin.endsWith('/kasa-checkout.php'),
    );
    if (kasa) {
      return {
        name,
        ok: true,
        detail: `The Kasa plugin${kasa.version ? ` ${kasa.version}` : ''} is active: Kasa’s data arrives with the order in one call.`,
      };
    }
    return {
      name,
      ok: false,
      detail:
        'The Kasa plugin is not active: every order costs one more call, an order whose checkout answer was lost can only be matched by e-mail and total, and no webhook tells Kasa about changes made in the admin.',
      fix: 'Install and activate the Kasa plugin: Plugins → Add New → Upload Plugin → kasa-checkout.zip (examples/woocommerce-plugin), then WooCommerce → Kasa.',
    };
  });

  const gateways = await runCheck('payment-gateways', async () => {
    const name = 'payment-gateways';
    if (!reachable.ok) return notChecked(name, 'the Store API did not answer');
    const offered = cartGatewaysSchema.safeParse(bodyOf(cart)).data?.payment_methods;
    if (offered === undefined) {
      return {
        name,
        ok: false,
        detail: 'The Store API cart lists no payment methods.',
        fix: 'Enable a payment gateway in WooCommerce → Settings → Payments, then run kasa doctor again.',
      };
    }
    const { prepaid, cod } = config.gateways;
    const codNote = offered.includes(cod)
      ? ` Cash on delivery ("${cod}") is enabled.`
      : ` Cash on delivery ("${cod}") is not enabled: Kasa’s cash-on-delivery orders would be refused.`;
    if (offered.includes(prepaid)) {
      return {
        name,
        ok: true,
        detail: `The payment gateway "${prepaid}" takes Kasa’s paid orders.${codNote}`,
      };
    }
    return {
      name,
      ok: false,
      detail: `The payment gateway "${prepaid}" (woocommerce.gateways.prepaid) is not enabled; the shop offers: ${offered.join(', ') || 'none'}.`,
      fix:
        prepaid === 'kasa'
          ? 'Enable "Kasa (BLIK, pay-by-link)" ("Kasa (BLIK, szybki przelew)" in Polish) in WooCommerce → Settings → Payments (it comes with the Kasa plugin).'
          : `Enable the gateway "${prepaid}" in WooCommerce → Settings → Payments, or set woocommerce.gateways.prepaid to an enabled one.`,
    };
  });

  /** What a failed delivery of the active Kasa webhook means, and its fix. */
  function undeliveredWebhook(
    to: string,
    last: { status: number; error?: string | undefined; at?: string | undefined },
    failures: number,
  ): { detail: string; fix: string } {
    const when = last.at ? ` (${last.at})` : '';
    const times =
      failures > 0
        ? ` WooCommerce has counted ${failures} failed deliveries in a row and disables the webhook after 5.`
        : '';
    if (last.status === 0 && /valid URL/i.test(last.error ?? '')) {
      return {
        detail: `WordPress refused to send the last order change to ${to}${when}: “${last.error}” (its safe-request check turns away addresses on the shop’s own machine or network and unusual ports).${times}`,
        fix: 'Give the Kasa server an https address the shop reaches from the internet, or update the Kasa plugin (0.2 or newer lets the configured Kasa server through), then save WooCommerce → Kasa again.',
      };
    }
    if (last.status === 0) {
      return {
        detail: `The shop could not reach the Kasa server at ${to}${when}: ${last.error || 'no answer'}.${times}`,
        fix: `Check the Kasa server URL on WooCommerce → Kasa: the shop’s server must reach ${to} (DNS, firewall, TLS certificate); then save that page again.`,
      };
    }
    if (last.status === 400 || last.status === 401 || last.status === 403) {
      return {
        detail: `The Kasa server refused the last order change${when} with HTTP ${last.status}: its signature did not match.${times}`,
        fix: 'Copy the webhook secret shown on WooCommerce → Kasa into store.webhookSecret (KASA_WOOCOMMERCE_WEBHOOK_SECRET) and restart the Kasa server.',
      };
    }
    return {
      detail: `The Kasa server answered the last order change${when} with HTTP ${last.status}.${times}`,
      fix: `Check the Kasa server’s log at ${to} and that the Kasa server URL on WooCommerce → Kasa points at it; then save that page again.`,
    };
  }

  const webhook = await runCheck('webhook', async () => {
    const name = 'webhook';
    if (!credentials.ok) return notChecked(name, 'WooCommerce did not accept the key');
    const list = isOk(hooks) ? webhookListSchema.safeParse(bodyOf(hooks)).data : undefined;
    if (list === undefined) {
      return {
        name,
        ok: false,
        detail: `Could not read the shop’s webhooks (GET /webhooks: ${problemOf(hooks)}).`,
        fix: `Use a Read/Write key of a Shop manager or Administrator (${KEYS_PAGE}), then run kasa doctor again.`,
      };
    }
    const kasa = list.filter(
      (w) => w.topic === 'order.updated' && w.delivery_url.includes('/api/webhooks/woocommerce'),
    );
    const active = kasa.find((w) => w.status === 'active');
    if (active) {
      const to = URL.canParse(active.delivery_url) ? new URL(active.delivery_url).host : active.delivery_url;
      const last = active.kasa?.last_delivery ?? undefined;
      const failures = active.kasa?.failure_count ?? 0;
      const delivered = last !== undefined && last.status >= 200 && last.status < 300;
      if (last !== undefined && !delivered) {
        return { name, ok: false, ...undeliveredWebhook(to, last, failures) };
      }
      const state = delivered
        ? ` The last delivery (${last.at ?? 'recently'}) was accepted.`
        : active.kasa === undefined
          ? ' (This plugin version does not report deliveries; a newer one lets kasa doctor check them.)'
          : ' No order change has been delivered yet.';
      return {
        name,
        ok: true,
        detail: `Order changes are delivered to the Kasa server at ${to}.${state} WooCommerce never shows a webhook’s secret: woocommerce.webhookSecret must be the one shown on WooCommerce → Kasa.`,
      };
    }
    const first = kasa[0];
    if (first) {
      return {
        name,
        ok: false,
        detail: `The Kasa order webhook "${first.name ?? first.id}" is ${first.status}: order changes made in the admin do not reach Kasa.`,
        fix: 'WooCommerce → Settings → Advanced → Webhooks: open it, set Status to Active and save. WooCommerce disables a webhook after repeated failed deliveries, so check the Kasa server URL on WooCommerce → Kasa too.',
      };
    }
    return {
      name,
      ok: false,
      detail:
        'No webhook delivers order changes to a Kasa server: cancellations and refunds made in the admin do not reach Kasa.',
      fix: 'WooCommerce → Kasa: enter the Kasa server URL and save; the plugin creates the webhook.',
    };
  });

  return [reachable, storeApiVersion, credentials, permissions, pluginInstalled, gateways, webhook];
}
