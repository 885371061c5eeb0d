/**
 * The pickup-point providers of this package, each described once for the server's registry
 * (`pickup: { provider: 'inpost' | 'orlen' | 'sandbox', … }`): settings with their environment
 * variables and where the merchant finds each, capabilities, a local fake, and `kasa doctor` checks.
 */
import {
  type DiagnosticCheck,
  KasaError,
  type PickupPlugin,
  type PickupPointProvider,
  type PluginContext,
  runCheck,
} from '@kasa/core';
import { z } from 'zod';
import { INPOST_CARRIER } from './inpost-points.ts';
import { createInpostPickupProvider, INPOST_POINTS_URLS } from './inpost-provider.ts';
import { ORLEN_CARRIER } from './orlen-points.ts';
import { createOrlenPickupProvider, ORLEN_POINTS_URLS } from './orlen-provider.ts';
import { createSandboxPickupProvider } from './sandbox-provider.ts';

const MANAGER =
  'InPost Parcel Manager (manager.paczkomaty.pl; for the sandbox sandbox-manager.paczkomaty.pl) › Moje konto › API';

const environment = (carrier: string) =>
  z
    .enum(['production', 'sandbox'], {
      error: `environment is "production" or "sandbox" (${carrier}'s test service)`,
    })
    .default('production');

const httpUrl = (what: string) =>
  z.url({
    protocol: /^https?$/,
    error: `${what} is an http(s) address, e.g. https://…; leave it out for the default`,
  });

/** A JWT: three base64url parts. */
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

export const inpostPickupConfigSchema = z.strictObject({
  environment: environment('InPost'),
  /** The Points API host; default ShipX's (production or sandbox), which needs no token. */
  apiUrl: httpUrl('apiUrl').optional(),
  apiToken: z
    .string()
    .min(20, { error: `apiToken is the ShipX API token from ${MANAGER} › API ShipX › Generuj` })
    .optional(),
  geowidgetToken: z
    .string()
    .trim()
    .regex(JWT, {
      error: `geowidgetToken is the Geowidget token (a long text starting eyJ) from ${MANAGER} › Geowidget › Generuj; leave it out to offer the list without the map`,
    })
    .optional(),
  /** Minutes a search answer is used before InPost is asked again. */
  cacheMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60, { error: 'cacheMinutes is a whole number of minutes from 0 to 1440' })
    .default(10),
});
export type InpostPickupConfig = z.output<typeof inpostPickupConfigSchema>;

/** The claims Kasa reads from a Geowidget token; it is public (it goes into the shop's page). */
function tokenClaims(token: string): { exp?: unknown; allowed_referrers?: unknown } | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof json === 'object' && json !== null ? json : undefined;
  } catch {
    return undefined;
  }
}

function geowidgetCheck(config: InpostPickupConfig, now: number): DiagnosticCheck {
  const name = 'geowidget-token';
  if (!config.geowidgetToken) {
    return {
      name,
      ok: true,
      detail:
        'Not set: the checkout offers the list of lockers without InPost’s map (set KASA_INPOST_GEOWIDGET_TOKEN to add the map).',
    };
  }
  const claims = tokenClaims(config.geowidgetToken);
  if (!claims) {
    return {
      name,
      ok: false,
      detail: 'The Geowidget token is not a readable JWT.',
      fix: `Copy the whole token again from ${MANAGER} › Geowidget (KASA_INPOST_GEOWIDGET_TOKEN).`,
    };
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < now) {
    return {
      name,
      ok: false,
      detail: `The Geowidget token expired on ${new Date(claims.exp * 1000).toISOString().slice(0, 10)}: the map will not load (the list still works).`,
      fix: `Generate a new one in ${MANAGER} › Geowidget and set KASA_INPOST_GEOWIDGET_TOKEN.`,
    };
  }
  const referrers = typeof claims.allowed_referrers === 'string' ? claims.allowed_referrers : '';
  return {
    name,
    ok: true,
    detail: referrers
      ? `Set; InPost lets the map load on: ${referrers}.`
      : 'Set; the token names no domains (InPost’s sandbox allows that for localhost).',
  };
}

/** A search must answer, fresh: the provider's own first call (nothing cached yet). */
async function searchCheck(
  name: string,
  label: string,
  provider: PickupPointProvider,
  fix: string,
): Promise<DiagnosticCheck> {
  try {
    const answer = provider.searchAnswer
      ? await provider.searchAnswer({ postcode: '00-950', limit: 1 })
      : { points: await provider.search({ postcode: '00-950', limit: 1 }) };
    if (answer.points.length === 0) {
      return { name, ok: false, detail: `${label} answered a search near 00-950 with no point.`, fix };
    }
    return {
      name,
      ok: true,
      detail: `${label} answers: nearest point to 00-950 is ${answer.points[0]?.id}.`,
    };
  } catch (error) {
    const cause = error instanceof KasaError && error.cause instanceof Error ? error.cause : error;
    return {
      name,
      ok: false,
      detail: `${label} did not answer: ${cause instanceof Error ? cause.message : String(cause)}.`,
      fix,
    };
  }
}

const warn = (context: PluginContext) => (level: 'warn', fields: Record<string, unknown>, message: string) =>
  context.log(level, fields, message);

/**
 * InPost parcel lockers from InPost's Points API, with InPost's Geowidget map when the merchant's
 * token is set.
 *
 * @example
 * const config = inpostPickupPlugin.configSchema.parse({ geowidgetToken: process.env.KASA_INPOST_GEOWIDGET_TOKEN });
 * const pickup = inpostPickupPlugin.create(config, context);
 */
export const inpostPickupPlugin: PickupPlugin<InpostPickupConfig> = {
  kind: 'pickup',
  name: 'inpost',
  label: 'InPost Paczkomat®',
  carrier: INPOST_CARRIER,
  configSchema: inpostPickupConfigSchema,
  settings: {
    environment: {
      env: 'KASA_INPOST_ENVIRONMENT',
      where: '"production", or "sandbox" while testing with InPost’s sandbox accounts (fewer points)',
    },
    apiUrl: {
      env: 'KASA_INPOST_POINTS_URL',
      where: 'Only to use another Points API host (e.g. https://api.inpost.pl with apiToken); default ShipX',
    },
    apiToken: { env: 'KASA_INPOST_API_TOKEN', where: `${MANAGER} › API ShipX › Generuj`, secret: true },
    geowidgetToken: { env: 'KASA_INPOST_GEOWIDGET_TOKEN', where: `${MANAGER} › Geowidget › Generuj` },
  },
  capabilities: ['search_near', 'map_widget'],
  howToCreate: [
    'The list of lockers needs nothing: InPost’s Points API (ShipX) answers without a token.',
    `For the map: log in to ${MANAGER}, fill in the company and invoice data (required first), open Geowidget and press Generuj; enter your shop’s domain (for localhost in the sandbox, none).`,
    'Copy the token into KASA_INPOST_GEOWIDGET_TOKEN. It is public (it goes into your checkout page), bound to your domains.',
  ].join(' '),
  create: (config, context) =>
    createInpostPickupProvider({
      baseUrl: config.apiUrl ?? INPOST_POINTS_URLS[config.environment],
      ...(config.apiToken ? { token: config.apiToken } : {}),
      ttlMs: config.cacheMinutes * 60_000,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      log: warn(context),
    }),
  mapWidget: (config) =>
    config.geowidgetToken
      ? { token: config.geowidgetToken, ...(config.environment === 'sandbox' ? { sandbox: true } : {}) }
      : undefined,
  async startFake() {
    const { startFakeInpostPoints } = await import('./fake/inpost.ts');
    const fake = await startFakeInpostPoints();
    return {
      config: { environment: 'sandbox', apiUrl: fake.url, cacheMinutes: 10 },
      url: fake.url,
      close: () => fake.close(),
    };
  },
  async diagnose(config, context) {
    const provider = inpostPickupPlugin.create(config, context);
    return [
      await runCheck('points-api', () =>
        searchCheck(
          'points-api',
          `InPost’s Points API (${config.apiUrl ?? INPOST_POINTS_URLS[config.environment]})`,
          provider,
          config.apiUrl
            ? 'Check apiUrl (KASA_INPOST_POINTS_URL), or leave it out for ShipX; api.inpost.pl also needs apiToken.'
            : 'Check that the server reaches api-shipx-pl.easypack24.net (HTTPS); the checkout serves its last good answers meanwhile.',
        ),
      ),
      await runCheck('geowidget-token', () => geowidgetCheck(config, Date.now())),
    ];
  },
};

const ORLEN_ID = 'partnerId is the PartnerID ORLEN Paczka gives with API access (KASA_ORLEN_PARTNER_ID)';
const ORLEN_KEY = 'partnerKey is the PartnerKey ORLEN Paczka gives with API access (KASA_ORLEN_PARTNER_KEY)';

export const orlenPickupConfigSchema = z.strictObject({
  environment: environment('ORLEN Paczka'),
  /** The web service's address; default by environment. */
  apiUrl: httpUrl('apiUrl').optional(),
  partnerId: z.string({ error: ORLEN_ID }).trim().min(1, { error: ORLEN_ID }),
  partnerKey: z.string({ error: ORLEN_KEY }).trim().min(1, { error: ORLEN_KEY }),
  /** Hours the list of points is used before it is asked for again. */
  cacheHours: z.number().min(0).max(48, { error: 'cacheHours is from 0 to 48' }).default(6),
});
export type OrlenPickupConfig = z.output<typeof orlenPickupConfigSchema>;

const ORLEN_WHERE =
  'Given by ORLEN Paczka with API access for business customers (orlenpaczka.pl › Dla biznesu; the test pair for api-test.orlenpaczka.pl from its integration support)';

/**
 * ORLEN Paczka's pickup points (lockers, stations, kiosks) through the same port as InPost's.
 *
 * @example orlenPickupPlugin.create(orlenPickupPlugin.configSchema.parse({ partnerId, partnerKey }), context);
 */
export const orlenPickupPlugin: PickupPlugin<OrlenPickupConfig> = {
  kind: 'pickup',
  name: 'orlen',
  label: 'ORLEN Paczka',
  carrier: ORLEN_CARRIER,
  configSchema: orlenPickupConfigSchema,
  settings: {
    environment: {
      env: 'KASA_ORLEN_ENVIRONMENT',
      where: '"production", or "sandbox" for api-test.orlenpaczka.pl',
    },
    apiUrl: { env: 'KASA_ORLEN_URL', where: 'Only to use another address of the web service' },
    partnerId: { env: 'KASA_ORLEN_PARTNER_ID', where: ORLEN_WHERE },
    partnerKey: { env: 'KASA_ORLEN_PARTNER_KEY', where: ORLEN_WHERE, secret: true },
  },
  capabilities: ['search_near'],
  howToCreate:
    'Ask ORLEN Paczka for API access as a business customer (orlenpaczka.pl › Dla biznesu). It gives a PartnerID and a PartnerKey (and a test pair for api-test.orlenpaczka.pl); set KASA_ORLEN_PARTNER_ID and KASA_ORLEN_PARTNER_KEY.',
  create: (config, context) =>
    createOrlenPickupProvider({
      url: config.apiUrl ?? ORLEN_POINTS_URLS[config.environment],
      partnerId: config.partnerId,
      partnerKey: config.partnerKey,
      ttlMs: config.cacheHours * 3_600_000,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      log: warn(context),
    }),
  async startFake() {
    const { startFakeOrlenPaczka } = await import('./fake/orlen.ts');
    const fake = await startFakeOrlenPaczka();
    return {
      config: {
        environment: 'sandbox',
        apiUrl: fake.url,
        partnerId: fake.partnerId,
        partnerKey: fake.partnerKey,
        cacheHours: 6,
      },
      url: fake.url,
      close: () => fake.close(),
    };
  },
  async diagnose(config, context) {
    const provider = orlenPickupPlugin.create(config, context);
    return [
      await runCheck('points-list', () =>
        searchCheck(
          'points-list',
          'ORLEN Paczka’s web service',
          provider,
          'Check partnerId and partnerKey (KASA_ORLEN_PARTNER_ID, KASA_ORLEN_PARTNER_KEY) and that environment matches them (the test pair works only with "sandbox").',
        ),
      ),
    ];
  },
};

/**
 * The made-up demo lockers, for the sandbox and demos only: every point but one real sample is
 * marked `demo`. Never ship to one.
 */
export const sandboxPickupPlugin: PickupPlugin<Record<string, never>> = {
  kind: 'pickup',
  name: 'sandbox',
  label: 'Demo lockers (made up, marked demo)',
  carrier: INPOST_CARRIER,
  configSchema: z.strictObject({}),
  settings: {},
  capabilities: ['search_near'],
  howToCreate: 'Nothing to create: the demo lockers are built in; they are not real Paczkomaty.',
  create: () => createSandboxPickupProvider(),
  async diagnose() {
    return [
      {
        name: 'demo-points',
        ok: true,
        detail:
          'Demo lockers: made up, for the sandbox only. Set pickup.provider to "inpost" to offer real ones.',
      },
    ];
  },
};
