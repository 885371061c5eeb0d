import { type DiagnosticCheck, KasaError, runCheck } from '@kasa/core';
import type { Answer } from '@kasa/platform-http';
import { type ShoperConfig, WHERE } from './config.ts';
import type { ShoperRest } from './rest/client.ts';
import {
  listEnvelope,
  paymentSchema,
  plName,
  shippingSchema,
  statusSchema,
  webhookSchema,
} from './rest/schemas.ts';
import { isLockerShipping } from './shipping.ts';

/** The resources Kasa reads; each needs its permission in the WebAPI user's group. */
const READS = [
  'products',
  'product-stocks',
  'statuses',
  'payments',
  'shippings',
  'taxes',
  'currencies',
  'orders',
] as const;

/** Where Kasa's server receives Shoper webhooks, unless the server names its own URL. */
export const WEBHOOK_PATH = '/api/webhooks/shoper';

const problemOf = (answer: Answer) =>
  answer.kind === 'http' ? `HTTP ${answer.status}` : answer.timeout ? 'no answer in time' : answer.message;

const listOf = <T>(answer: Answer | undefined, schema: ReturnType<typeof listEnvelope>) => {
  if (answer?.kind !== 'http' || answer.status !== 200) return undefined;
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? (parsed.data.list as T[]) : undefined;
};

function authChecks(error: unknown): DiagnosticCheck[] {
  if (error instanceof KasaError && error.code === 'platform_auth_failed') {
    return [
      { name: 'reachable', ok: true, detail: 'The shop answered at /webapi/rest.' },
      {
        name: 'credentials',
        ok: false,
        detail: `Shoper refused Kasa’s credentials (${String(error.details?.status ?? 'refused')}).`,
        fix: String(error.details?.hint ?? `Check shoper.auth: ${WHERE.apiUser}.`),
      },
    ];
  }
  const problem = error instanceof KasaError ? String(error.details?.problem ?? error.code) : String(error);
  if (error instanceof KasaError && typeof error.details?.status === 'number') {
    return [
      { name: 'reachable', ok: true, detail: 'The shop answered at /webapi/rest.' },
      {
        name: 'credentials',
        ok: false,
        detail: `Shoper did not issue a token (${problem}).`,
        fix: 'Run kasa doctor again in a minute; if the shop keeps answering so, check its status and the applications using its API limit.',
      },
    ];
  }
  return [
    {
      name: 'reachable',
      ok: false,
      detail: `The shop’s webapi did not answer (${problem}).`,
      fix: 'Check shoper.shopUrl (KASA_SHOPER_URL): the shop address with https://, reachable from the Kasa server.',
    },
  ];
}

/**
 * `kasa doctor` for a Shoper shop: reachable, credentials, permissions (reads of products, stocks,
 * statuses, payments, shippings, taxes, currencies, orders), mapping (the configured payment, status and locker shipping ids exist
 * and are active), webhook (an active webhook with order events to Kasa), bucket headroom. Writes
 * nothing; never throws.
 *
 * @example const checks = await diagnoseShoper(config, rest);
 */
export async function diagnoseShoper(
  config: ShoperConfig,
  rest: ShoperRest,
  options: { readonly webhookUrl?: string } = {},
): Promise<DiagnosticCheck[]> {
  try {
    await rest.authenticate();
  } catch (error) {
    return authChecks(error);
  }
  const checks: DiagnosticCheck[] = [
    { name: 'reachable', ok: true, detail: 'The shop answered at /webapi/rest.' },
    { name: 'credentials', ok: true, detail: 'Shoper accepted Kasa’s credentials and issued a token.' },
  ];
  const answers = new Map<string, Answer>();
  const read = async (resource: string) =>
    answers.set(
      resource,
      await rest.once(`diagnose: GET /${resource}`, 'GET', `/${resource}`, { query: { limit: 50 } }),
    );
  await read(READS[0]);
  // The bucket as other applications leave it, before the doctor's own reads fill it.
  const headroom = Math.floor(rest.bucket.headroom());
  for (const resource of [...READS.slice(1), 'webhooks']) await read(resource);
  checks.push(
    await runCheck('permissions', () => {
      const refused = READS.filter((r) => {
        const answer = answers.get(r);
        return answer?.kind !== 'http' || answer.status !== 200;
      });
      return refused.length === 0
        ? { name: 'permissions', ok: true, detail: `Kasa can read ${READS.join(', ')}.` }
        : {
            name: 'permissions',
            ok: false,
            detail: `Kasa cannot read ${refused.map((r) => `${r} (${problemOf(answers.get(r) as Answer)})`).join(', ')}.`,
            fix: 'Give the WebAPI user’s group read and write access to orders and read access to products, shippings, payments, statuses, taxes and currencies (Ustawienia → Administracja, system → Grupy administratorów).',
          };
    }),
  );
  checks.push(await runCheck('mapping', () => mappingCheck(config, answers)));
  checks.push(await runCheck('webhook', () => webhookCheck(answers.get('webhooks'), options.webhookUrl)));
  checks.push({
    name: 'bucket',
    ok: headroom >= 3,
    detail: `The API bucket has room for ${headroom} of ${rest.bucket.state.limit} calls (drains ${rest.bucket.state.bandwidth}/s).`,
    ...(headroom >= 3
      ? {}
      : {
          fix: 'Another application uses up the shop’s API limit: check the AppStore applications and integrations using the API.',
        }),
  });
  return checks;
}

function mappingCheck(config: ShoperConfig, answers: ReadonlyMap<string, Answer>): DiagnosticCheck {
  const payments = listOf<{ payment_id: number; translations?: Record<string, { active?: boolean }> }>(
    answers.get('payments'),
    listEnvelope(paymentSchema),
  );
  const statuses = listOf<{ status_id: number; active?: boolean }>(
    answers.get('statuses'),
    listEnvelope(statusSchema),
  );
  const shippings = listOf<Parameters<typeof isLockerShipping>[0]>(
    answers.get('shippings'),
    listEnvelope(shippingSchema),
  );
  if (payments === undefined || statuses === undefined || shippings === undefined) {
    return {
      name: 'mapping',
      ok: false,
      detail: 'Could not read payments, statuses or shippings.',
      fix: 'Fix the permissions check first.',
    };
  }
  const problems: string[] = [];
  const fixes: string[] = [];
  for (const [key, id] of Object.entries(config.paymentIds)) {
    if (id === undefined) continue;
    const payment = payments.find((p) => p.payment_id === id);
    const active = payment && Object.values(payment.translations ?? {}).every((t) => t.active !== false);
    if (!active) {
      problems.push(`payment ${id} (paymentIds.${key}) ${payment ? 'is inactive' : 'does not exist'}`);
      fixes.push(`set shoper.paymentIds.${key} to an active method (${WHERE.payments})`);
    }
  }
  for (const [key, id] of Object.entries(config.statusIds)) {
    if (id !== undefined && !statuses.some((s) => s.status_id === id && s.active !== false)) {
      problems.push(`status ${id} (statusIds.${key}) does not exist or is inactive`);
      fixes.push(`set shoper.statusIds.${key} (${WHERE.statuses})`);
    }
  }
  for (const id of config.lockerShippingIds) {
    if (!shippings.some((s) => s.shipping_id === id && s.active !== false)) {
      problems.push(`locker shipping ${id} does not exist or is inactive`);
      fixes.push(`fix shoper.lockerShippingIds (${WHERE.shippings})`);
    }
  }
  const lockers = shippings.filter(
    (s) => s.active !== false && isLockerShipping(s, config.lockerShippingIds),
  );
  if (lockers.length === 0) {
    problems.push('no active shipping delivers to an InPost locker');
    fixes.push(`activate an InPost Paczkomaty shipping or set shoper.lockerShippingIds (${WHERE.shippings})`);
  }
  if (problems.length > 0) {
    return { name: 'mapping', ok: false, detail: `${problems.join('; ')}.`, fix: `${fixes.join('; ')}.` };
  }
  const names = lockers.map((s) => s.name ?? plName(s.translations) ?? s.shipping_id).join(', ');
  return {
    name: 'mapping',
    ok: true,
    detail: `Payment and status ids exist and are active; locker shipping: ${names}.`,
  };
}

function webhookCheck(answer: Answer | undefined, webhookUrl: string | undefined): DiagnosticCheck {
  const hooks = listOf<{ url: string; active?: boolean; events?: string[] | null; format: number }>(
    answer,
    listEnvelope(webhookSchema),
  );
  if (hooks === undefined) {
    return {
      name: 'webhook',
      ok: false,
      detail: `Could not list the shop’s webhooks (${answer === undefined ? 'not asked' : problemOf(answer)}).`,
      fix: 'Allow the WebAPI user’s group to read webhooks, or check by hand in the Shoper panel (Ustawienia → Integracje → Webhooki) that a webhook sends order events to the Kasa server.',
    };
  }
  const toKasa = hooks.filter((h) => (webhookUrl ? h.url === webhookUrl : h.url.includes(WEBHOOK_PATH)));
  const good = toKasa.find(
    (h) => h.active !== false && h.format === 0 && (h.events ?? []).some((e) => e.startsWith('order.')),
  );
  if (good !== undefined) {
    return {
      name: 'webhook',
      ok: true,
      detail: `Order events (${(good.events ?? []).join(', ')}) go to Kasa.`,
    };
  }
  return {
    name: 'webhook',
    ok: false,
    detail:
      toKasa.length > 0
        ? 'The webhook to Kasa is inactive, not JSON, or sends no order events.'
        : 'No webhook sends order events to Kasa: changes made in the panel do not reach Kasa.',
    fix: `In the Shoper panel, Ustawienia → Integracje → Webhooki, add a webhook to the Kasa server’s ${WEBHOOK_PATH} address: format JSON, events order.create, order.edit, order.paid and order.status, and as its key (Klucz) the value of shoper.webhookSecret (KASA_SHOPER_WEBHOOK_SECRET).`,
  };
}
