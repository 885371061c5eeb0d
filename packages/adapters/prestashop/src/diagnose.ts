import { randomBytes } from 'node:crypto';
import { type DiagnosticCheck, runCheck } from '@kasa/core';
import { type CallRecord, tryOnce } from '@kasa/platform-http';
import { z } from 'zod';
import { moduleUrl, type PrestaShopConfig } from './config.ts';
import { shopContextSchema } from './module-client.ts';
import { excerpt, tryJson } from './seam.ts';
import { signPrestaShopWebhook } from './webhook.ts';
import { readErrors } from './webservice.ts';
import { parseXml } from './xml.ts';

/**
 * `kasa doctor` for a PrestaShop shop: one try per call (no retries), nothing written. It reads the
 * webservice root (`GET /api/`: the key works, and the methods it may use per resource), asks the
 * Kasa module for its `info` (versions, payment modules, where lockers go, the webhook secret proved
 * by signing a random probe) and, with `adminApi`, asks the Admin API for a token.
 */

/** What the adapter does with each resource, and why, for the merchant. */
const NEEDED: readonly { resource: string; methods: readonly string[]; why: string }[] = [
  { resource: 'customers', methods: ['GET', 'POST', 'PATCH'], why: 'the guest customer' },
  { resource: 'addresses', methods: ['GET', 'POST'], why: 'the delivery and invoice addresses' },
  { resource: 'carts', methods: ['GET', 'POST'], why: 'the order’s cart' },
  { resource: 'orders', methods: ['GET', 'POST'], why: 'the paid order' },
  { resource: 'order_histories', methods: ['POST'], why: 'cancelling an order' },
];
const GRID: Readonly<Record<string, string>> = {
  GET: 'View (GET)',
  POST: 'Add (POST)',
  PUT: 'Modify (PUT)',
  PATCH: 'Modify (PATCH)',
  DELETE: 'Delete (DELETE)',
  HEAD: 'Fast view (HEAD)',
};

const doctorInfoSchema = z.object({
  lockers: z.object({
    storage: z.enum(['inpost_cart_choice', 'kasa_cart']),
    inpost_module: z.boolean(),
    inpost_table: z.boolean(),
    /** Carriers marked as locker carriers on the module's page (modules before 0.1.0 do not say). */
    locker_carriers: z.array(z.int()).optional(),
  }),
  webhook_url: z.boolean(),
  probe_signature: z.string().nullable(),
});
const infoSchema = z.object({ shop: shopContextSchema, doctor: doctorInfoSchema.optional() });

type Reply =
  | { readonly kind: 'http'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'network'; readonly problem: string };

export interface DiagnoseDeps {
  readonly fetch?: typeof fetch;
  readonly onCall?: (call: CallRecord) => void;
}

const notChecked = (name: string, because: string): DiagnosticCheck => ({
  name,
  ok: false,
  detail: `Not checked: ${because}.`,
  fix: 'Fix the checks above first, then run kasa doctor again.',
});

/** Runs every check; never throws. */
export async function diagnosePrestaShop(
  config: PrestaShopConfig,
  deps: DiagnoseDeps = {},
): Promise<DiagnosticCheck[]> {
  const doFetch = deps.fetch ?? fetch;
  const apiUrl = `${config.shopUrl}/api/`;
  const moduleEndpoint = moduleUrl(config);
  const authorization = `Basic ${Buffer.from(`${config.webserviceKey}:`, 'utf8').toString('base64')}`;
  const keyEnd = config.webserviceKey.slice(-4);

  // One try per call through the shared layer (its timeout and call records), no retries.
  const settings = {
    platform: 'prestashop',
    timeoutMs: config.timeoutMs,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    ...(deps.onCall ? { record: deps.onCall } : {}),
  };
  async function call(operation: string, url: string, init: RequestInit = {}): Promise<Reply> {
    const method = init.method ?? 'GET';
    const answer = await tryOnce(
      settings,
      { api: 'diagnose', operation, method, path: url, idempotent: true },
      async (signal) => {
        const response = await doFetch(url, { ...init, signal });
        const body = { headers: response.headers, text: await response.text() };
        return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body };
      },
    );
    if (answer.kind === 'http') return { kind: 'http', status: answer.status, ...answer.body };
    return {
      kind: 'network',
      problem: answer.timeout
        ? `no answer within ${config.timeoutMs} ms`
        : `the connection failed${answer.message ? ` (${answer.message})` : ''}`,
    };
  }

  const describe = (reply: Reply): string => {
    if (reply.kind === 'network') return reply.problem;
    const first = readErrors(reply.text)?.[0];
    if (first) return `HTTP ${reply.status}, PrestaShop error ${first.code}: ${first.message}`;
    const json = tryJson(reply.text) as { error?: unknown; message?: unknown } | undefined;
    if (typeof json?.error === 'string') {
      return `HTTP ${reply.status} ${json.error}${typeof json.message === 'string' ? `: ${json.message}` : ''}`;
    }
    return `HTTP ${reply.status}${reply.text.trim() ? `: ${excerpt(reply.text, 80)}` : ''}`;
  };

  // ---- the webservice: reachable, the key, its permissions
  const root = await call('diagnose: GET /api/', apiUrl, { headers: { authorization } });
  const isWebservice = (r: Reply) =>
    r.kind === 'http' &&
    (r.headers.get('psws-version') !== null || readErrors(r.text) !== undefined || /<api[\s>]/.test(r.text));
  const wsErrorCode = root.kind === 'http' ? readErrors(root.text)?.[0]?.code : undefined;

  const reachable = await runCheck('reachable', () => {
    const name = 'reachable';
    if (root.kind === 'network') {
      return {
        name,
        ok: false,
        detail: `Could not reach ${config.shopUrl}: ${root.problem}.`,
        fix: `Check shopUrl (${config.shopUrl}): the shop must be online and reachable from the Kasa server (its DNS name, firewall and TLS certificate).`,
      };
    }
    if (wsErrorCode === '22') {
      return {
        name,
        ok: false,
        detail: `The shop answers at ${config.shopUrl}, but its webservice is switched off.`,
        fix: 'In the back office, Advanced Parameters › Webservice: set "Enable PrestaShop\'s webservice" to Yes and save.',
      };
    }
    if (!isWebservice(root)) {
      return {
        name,
        ok: false,
        detail: `${config.shopUrl} answers (${describe(root)}), but there is no PrestaShop webservice at ${apiUrl}.`,
        fix: 'Check that shopUrl is the shop’s address (without /api). If it is, the web server does not route /api to the webservice: turn on friendly URLs (Shop Parameters › Traffic & SEO) so PrestaShop writes its .htaccess, or add the /api rewrite rule to the nginx configuration.',
      };
    }
    const version = root.headers.get('psws-version');
    return {
      name,
      ok: true,
      detail: `The shop answers at ${config.shopUrl}; its webservice${version ? ` (PrestaShop ${version})` : ''} is on.`,
    };
  });

  const credentials = await runCheck('credentials', () => {
    const name = 'credentials';
    if (!reachable.ok || root.kind !== 'http') return notChecked(name, 'the webservice did not answer');
    if (root.status === 200) {
      return { name, ok: true, detail: `PrestaShop accepted the webservice key ending in …${keyEnd}.` };
    }
    if (root.status === 401) {
      return {
        name,
        ok: false,
        detail: `PrestaShop refused the webservice key ending in …${keyEnd} (${describe(root)}): webserviceKey is wrong, or the key is disabled.`,
        fix: 'Copy the 32-character key from Advanced Parameters › Webservice into webserviceKey, and check that the key’s Status is Enabled.',
      };
    }
    return {
      name,
      ok: false,
      detail: `The webservice answered the key unexpectedly: ${describe(root)}.`,
      fix: 'Check the shop’s error log (Advanced Parameters › Logs), then run kasa doctor again.',
    };
  });

  const permissions = await runCheck('permissions', () => {
    const name = 'permissions';
    if (!credentials.ok || root.kind !== 'http') return notChecked(name, 'PrestaShop did not accept the key');
    const api = (parseXml(root.text)?.prestashop as Record<string, unknown> | undefined)?.api as
      | Record<string, unknown>
      | undefined;
    if (api === undefined || typeof api !== 'object') {
      return {
        name,
        ok: false,
        detail: `The webservice root did not list the key’s resources (${describe(root)}).`,
        fix: 'Check the key in Advanced Parameters › Webservice, then run kasa doctor again.',
      };
    }
    const allowed = (resource: string, method: string) => {
      const entry = api[resource] as Record<string, unknown> | undefined;
      return entry?.[`@_${method.toLowerCase()}`] === 'true';
    };
    const missing = NEEDED.flatMap(({ resource, methods, why }) => {
      const lacking = methods.filter((m) => !allowed(resource, m));
      return lacking.length === 0 ? [] : [{ resource, lacking, why }];
    });
    if (missing.length === 0) {
      return {
        name,
        ok: true,
        detail: `The key may do what Kasa needs: ${NEEDED.map((n) => `${n.resource} ${n.methods.join('/')}`).join(', ')}.`,
      };
    }
    return {
      name,
      ok: false,
      detail: `The key lacks permissions: ${missing
        .map((m) => `${m.resource} ${m.lacking.join('/')} (${m.why})`)
        .join('; ')}.`,
      fix: `In Advanced Parameters › Webservice, edit the key ending in …${keyEnd} and tick ${missing
        .map((m) => `${m.lacking.map((l) => GRID[l] ?? l).join(' and ')} for ${m.resource}`)
        .join('; ')}; then save.`,
    };
  });

  // ---- the Kasa module: installed, its key, what it reports
  const probe = randomBytes(16).toString('hex');
  const infoUrl = new URL(moduleEndpoint);
  infoUrl.searchParams.set('action', 'info');
  infoUrl.searchParams.set('probe', probe);
  const info = await call('diagnose: GET kasa module info', infoUrl.toString(), {
    headers: { 'x-kasa-key': config.module.key, accept: 'application/json' },
  });
  const parsedInfo =
    info.kind === 'http' && info.status === 200 ? infoSchema.safeParse(tryJson(info.text)) : undefined;
  const moduleInfo = parsedInfo?.success ? parsedInfo.data : undefined;

  const moduleInstalled = await runCheck('module-installed', () => {
    const name = 'module-installed';
    if (info.kind === 'network') {
      return {
        name,
        ok: false,
        detail: `The Kasa module endpoint (${moduleEndpoint}) did not answer: ${info.problem}.`,
        fix: 'Check shopUrl (and module.url, if set) and that the shop is reachable from the Kasa server.',
      };
    }
    if (moduleInfo) {
      return {
        name,
        ok: true,
        detail: `The Kasa module ${moduleInfo.shop.module_version} answers with the shared key (PrestaShop ${moduleInfo.shop.ps_version}).`,
      };
    }
    const error = (tryJson(info.text) as { error?: unknown } | undefined)?.error;
    if (info.status === 401 && error === 'unauthorized') {
      return {
        name,
        ok: false,
        detail: 'The Kasa module is installed, but refused module.key.',
        fix: 'Copy the shared key from Modules › Kasa › Configure into module.key.',
      };
    }
    if (info.status === 503) {
      return {
        name,
        ok: false,
        detail: `The shop’s front office is unavailable (${describe(info)}): maintenance mode, perhaps.`,
        fix: 'Turn maintenance mode off (Shop Parameters › General › Maintenance), or add the Kasa server’s IP address to the maintenance IPs there.',
      };
    }
    if (info.status === 200 && parsedInfo && !parsedInfo.success) {
      return {
        name,
        ok: false,
        detail: `The Kasa module answered something Kasa does not understand (${parsedInfo.error.issues[0]?.path.join('.') ?? 'body'}).`,
        fix: 'Update the Kasa module to the version that came with this Kasa server (examples/prestashop-module).',
      };
    }
    return {
      name,
      ok: false,
      detail: `No Kasa module answers at ${moduleEndpoint} (${describe(info)}).`,
      fix: 'Install and enable the Kasa module: Modules › Module Manager › Upload a module › kasa.zip (examples/prestashop-module). If it is installed, check module.url.',
    };
  });

  const paymentModules = await runCheck('payment-modules', () => {
    const name = 'payment-modules';
    if (!moduleInfo) return notChecked(name, 'the Kasa module did not answer');
    const found = (m: string) => moduleInfo.shop.payment_modules.find((p) => p.name === m);
    const paid = found(config.paymentModule);
    const cod = found(config.codModule);
    const codNote = cod?.active
      ? ` Cash on delivery goes through ${config.codModule}.`
      : ` ${config.codModule} (codModule) is ${cod ? 'disabled' : 'not installed'}: Kasa cannot place cash-on-delivery orders.`;
    if (paid?.active) {
      return {
        name,
        ok: true,
        detail: `Paid orders are filed under the payment module ${config.paymentModule}.${codNote}`,
      };
    }
    return {
      name,
      ok: false,
      detail: `The payment module ${config.paymentModule} (paymentModule) is ${paid ? 'installed but disabled' : 'not installed'}: PrestaShop would refuse Kasa’s paid orders.${codNote}`,
      fix:
        config.paymentModule !== 'kasa'
          ? `Enable ${config.paymentModule} in Modules › Module Manager, or set paymentModule to an enabled payment module.`
          : paid
            ? 'Enable the Kasa module in Modules › Module Manager.'
            : // It answered this check, so it is installed and on: an older module read PrestaShop's
              // list of modules shown at checkout, where Kasa deliberately is not.
              'The Kasa module answered but does not list itself: update it (examples/prestashop-module → kasa.zip, Modules › Module Manager › Upload a module); versions before 0.1.0 miss it, and PrestaShop would refuse every paid order.',
    };
  });

  const doctor = moduleInfo?.doctor;
  const olderModule = (name: string) => ({
    name,
    ok: false,
    detail: 'The Kasa module is older than this check: it does not report it.',
    fix: 'Update the Kasa module (examples/prestashop-module → kasa.zip, Modules › Module Manager › Upload a module).',
  });

  const inpost = await runCheck('inpost-module', () => {
    const name = 'inpost-module';
    if (!moduleInfo) return notChecked(name, 'the Kasa module did not answer');
    if (!doctor) return olderModule(name);
    const { storage, inpost_module, inpost_table } = doctor.lockers;
    if (storage === 'inpost_cart_choice' && inpost_table) {
      return {
        name,
        ok: true,
        detail:
          'The InPost module is enabled: Kasa stores the locker in its table (inpost_cart_choice), where its shipments read it.',
      };
    }
    if (inpost_module && !inpost_table) {
      return {
        name,
        ok: false,
        detail:
          'The InPost module is enabled, but its table inpost_cart_choice is missing: the locker cannot reach its shipments.',
        fix: 'Reset the InPost module (Modules › Module Manager › InPost › Reset), which creates its tables again.',
      };
    }
    const marked = doctor.lockers.locker_carriers ?? [];
    if (marked.length > 0) {
      return {
        name,
        ok: true,
        detail: `The official InPost module (inpostshipping) is not enabled; carrier${marked.length > 1 ? 's' : ''} ${marked.join(', ')} deliver${marked.length > 1 ? '' : 's'} to a locker, kept in the Kasa module's table (the order's delivery address names it too). With the InPost module, its shipments would read the locker themselves.`,
      };
    }
    return {
      name,
      ok: false,
      detail:
        'The official InPost module (inpostshipping) is not enabled and no carrier is marked as a locker carrier: Kasa offers no parcel locker.',
      fix: 'Install and enable the InPost module (inpostshipping). Without it, set the locker carriers on the Kasa module’s configuration page.',
    };
  });

  const webhookSecret = await runCheck('webhook-secret', () => {
    const name = 'webhook-secret';
    if (!moduleInfo) return notChecked(name, 'the Kasa module did not answer');
    if (!doctor || doctor.probe_signature === null) return olderModule(name);
    if (doctor.probe_signature === signPrestaShopWebhook(probe, config.webhookSecret)) {
      return { name, ok: true, detail: 'The Kasa module signs webhooks with webhookSecret.' };
    }
    return {
      name,
      ok: false,
      detail:
        'The Kasa module signs its webhooks with another secret than webhookSecret: Kasa would refuse every order update from the shop.',
      fix: 'Copy the webhook secret from Modules › Kasa › Configure into webhookSecret.',
    };
  });

  const webhookUrl = await runCheck('webhook-url', () => {
    const name = 'webhook-url';
    if (!moduleInfo) return notChecked(name, 'the Kasa module did not answer');
    if (!doctor) return olderModule(name);
    if (doctor.webhook_url) {
      return {
        name,
        ok: true,
        detail: 'The Kasa module sends order status changes to the Kasa webhook URL.',
      };
    }
    return {
      name,
      ok: false,
      detail:
        'The Kasa module has no Kasa webhook URL: status changes made in the back office do not reach Kasa.',
      fix: 'Modules › Kasa › Configure: set Kasa webhook URL to https://<your Kasa server>/api/webhooks/prestashop and save.',
    };
  });

  const checks = [
    reachable,
    credentials,
    permissions,
    moduleInstalled,
    paymentModules,
    inpost,
    webhookSecret,
    webhookUrl,
  ];

  // ---- the PrestaShop 9 Admin API, when configured
  const adminApi = config.adminApi;
  if (adminApi) {
    const base = adminApi.url ?? `${config.shopUrl}/admin-api`;
    const token = await call('diagnose: POST /admin-api/access_token', `${base}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: adminApi.clientId,
        client_secret: adminApi.clientSecret,
        scope: 'cart_read order_write',
      }).toString(),
    });
    checks.push(
      await runCheck('admin-api', () => {
        const name = 'admin-api';
        if (token.kind === 'network') {
          return {
            name,
            ok: false,
            detail: `The Admin API (${base}) did not answer: ${token.problem}.`,
            fix: 'Check adminApi.url (default <shopUrl>/admin-api) and that the shop is reachable.',
          };
        }
        const error = (tryJson(token.text) as { error?: unknown } | undefined)?.error;
        const granted = z.object({ access_token: z.string().min(1) }).safeParse(tryJson(token.text)).success;
        if (token.status === 200 && granted) {
          return {
            name,
            ok: true,
            detail: 'The Admin API gave the client a token with the scopes cart_read and order_write.',
          };
        }
        if (error === 'invalid_client') {
          return {
            name,
            ok: false,
            detail: 'The Admin API refused the client: adminApi.clientId or adminApi.clientSecret is wrong.',
            fix: 'Copy the client id from Advanced Parameters › Admin API into adminApi.clientId; the secret is shown only when the client is created, so if it is lost, regenerate it and copy it into adminApi.clientSecret.',
          };
        }
        if (error === 'invalid_scope') {
          return {
            name,
            ok: false,
            detail: 'The Admin API client lacks a scope Kasa needs (cart_read and order_write).',
            fix: 'In Advanced Parameters › Admin API, edit the client and give it the scopes cart_read and order_write.',
          };
        }
        return {
          name,
          ok: false,
          detail: `No PrestaShop 9 Admin API token at ${base}/access_token (${describe(token)}).`,
          fix: 'The Admin API needs PrestaShop 9 with the ps_apiresources module enabled; on PrestaShop 8, remove adminApi from the settings.',
        };
      }),
    );
  }
  return checks;
}
