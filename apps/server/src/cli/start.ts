/**
 * `kasa start`: the checkout API, the widget, the merchant dashboard, the sandbox bank and the demo
 * shop in one process. A new, empty store is seeded with simulated checkouts in the background.
 */
import type { ServerType } from '@hono/node-server';
import { loadDashboardAssets } from '@kasa/dashboard/server';
import { createPostgresAnalytics, openPostgres } from '@kasa/storage';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';
import { z } from 'zod';
import { seedIfEmpty } from '../analytics/seed.ts';
import { ConfigError, type KasaConfig, loadConfig } from '../config.ts';
import { singleThreadScavengeOnFewCores } from '../gc-tuning.ts';
import type { DashboardBundle } from '../http/dashboard-routes.ts';
import { closeGracefully, listen, PortInUseError } from '../listen.ts';
import {
  fakeChoices,
  PAYMENT_PROVIDERS,
  PICKUP_PROVIDERS,
  pluginNamed,
  startProviderFake,
} from '../plugins/registry.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { describeStore, FAKE_STORES, storefrontOf } from '../storefront/adapter.ts';
import type { FakeStore } from '../storefront/fakes.ts';
import { type CommandSpec, parseCommand } from './args.ts';
import { configOnFake } from './fake-store.ts';
import { shopOriginsLine } from './origins.ts';
import { createProgress } from './progress.ts';
import { redactUrl } from './stores.ts';
import { groupDigits, seconds } from './text.ts';

export const START_USAGE = `Usage: kasa start [--store configured|sandbox|<platform>-fake] [--payments configured|<provider>-fake]
                  [--pickup configured|<provider>-fake]

Serves the checkout API, the widget, the merchant dashboard, the sandbox bank and the demo shop.
An empty store is first filled with simulated checkouts (analytics.seedCheckouts, env
KASA_SEED_CHECKOUTS; 0 turns it off), marked simulated everywhere.

  --store S   which shop Kasa sells for. configured (default): \`store\` in kasa.config.json or
              KASA_STORE_PLATFORM (the sandbox unless set); sandbox: the demo store;
              woocommerce-fake, prestashop-fake, shopify-fake, shoper-fake: a local fake of that platform, started here, with
              the demo shop selling from it, so a purchase runs through that platform's adapter.
              With a real WooCommerce or PrestaShop the demo shop is not served (the shop's own
              pages hand their carts to Kasa).

  --payments P, --pickup P
              configured (default): \`payments\` / \`pickup\` in kasa.config.json or
              KASA_PAYMENTS_PROVIDER / KASA_PICKUP_PROVIDER (the sandbox unless set); <provider>-fake:
              a local fake of that provider's API, started here (e.g. payu-fake, inpost-fake).

Examples:
  kasa start --store woocommerce-fake
  kasa start --payments payu-fake --pickup inpost-fake
  KASA_STORE_PLATFORM=woocommerce KASA_WOOCOMMERCE_URL=https://sklep.pl … kasa start`;

const STORE_CHOICES = ['configured', 'sandbox', ...FAKE_STORES] as const;
const choice = (fakes: readonly string[]) => {
  const choices = ['configured', ...fakes] as [string, ...string[]];
  return z.enum(choices, { error: `use one of ${choices.join(', ')}` }).default('configured');
};

const startArgs = z.strictObject({
  store: z.enum(STORE_CHOICES, { error: `use one of ${STORE_CHOICES.join(', ')}` }).default('configured'),
  payments: choice(fakeChoices(PAYMENT_PROVIDERS)),
  pickup: choice(fakeChoices(PICKUP_PROVIDERS)),
  positionals: z.array(z.string()).max(0, 'kasa start takes no arguments'),
});

const START_SPEC: CommandSpec<typeof startArgs> = {
  command: 'start',
  schema: startArgs,
  options: { store: { type: 'string' }, payments: { type: 'string' }, pickup: { type: 'string' } },
};

/** A provider's fake started for this run: how it is named in the summary, and how it stops. */
interface ProviderFake {
  readonly label: string;
  close(): Promise<void>;
}

/** The configuration, with the store and providers the options ask for (their fakes started here). */
async function configure(args: z.output<typeof startArgs>): Promise<{
  config: KasaConfig;
  fake?: FakeStore;
  providerFakes: Partial<Record<'payments' | 'pickup', ProviderFake>>;
}> {
  const { config, fake } =
    args.store === 'configured'
      ? { config: loadConfig(), fake: undefined }
      : args.store === 'sandbox'
        ? { config: loadConfig({ overrides: { store: { platform: 'sandbox' } } }), fake: undefined }
        : await configOnFake(args.store);
  const providerFakes: Partial<Record<'payments' | 'pickup', ProviderFake>> = {};
  let configured = config;
  try {
    for (const [kind, plugins] of [
      ['payments', PAYMENT_PROVIDERS],
      ['pickup', PICKUP_PROVIDERS],
    ] as const) {
      if (args[kind] === 'configured') continue;
      const started = await startProviderFake(plugins, args[kind]);
      providerFakes[kind] = started;
      configured = { ...configured, [kind]: started.block };
    }
  } catch (error) {
    await Promise.all([fake?.close(), ...Object.values(providerFakes).map((f) => f.close())]);
    throw error;
  }
  return { config: configured, ...(fake ? { fake } : {}), providerFakes };
}

/**
 * In production (NODE_ENV=production, which the built CLI sets unless told otherwise) the widget and
 * the dashboard are served as `pnpm build` left them; from source they are rebuilt when stale.
 */
const assetBuild = () => (process.env.NODE_ENV === 'production' ? 'never' : 'if-stale');

/** The built dashboard, or undefined (with the reason printed) when it cannot be built. */
async function dashboardBundle(): Promise<DashboardBundle | undefined> {
  try {
    return await loadDashboardAssets(undefined, { build: assetBuild() });
  } catch (error) {
    console.warn(`The dashboard is not served: ${(error as Error).message}`);
    return undefined;
  }
}

/** Seeds an empty store after the server listens; the server answers meanwhile. */
async function seedInBackground(runtime: Runtime, checkouts: number, shopId: string): Promise<void> {
  const progress = createProgress('Seeding the dashboard', {
    unit: 'simulated checkouts',
    total: checkouts,
    mode: 'lines',
    stream: process.stdout,
  });
  const started = Date.now();
  const seeded = await seedIfEmpty(runtime.analytics, {
    checkouts,
    now: started,
    shopId,
    onProgress: ({ checkouts: done }) => progress.update(done),
  });
  if (seeded) {
    progress.finish(
      `Seeded ${groupDigits(seeded.checkouts)} simulated checkouts in ${seconds(Date.now() - started)} (marked as simulated: the dashboard shows real checkouts only until you choose to see these, and 'kasa simulate --delete' removes them).`,
    );
  }
}

export async function start(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, START_SPEC);
  if (parsed.help) {
    console.log(START_USAGE);
    return 0;
  }
  const { config, fake, providerFakes } = await configure(parsed.args);
  singleThreadScavengeOnFewCores();
  const closeFakes = async () => {
    await Promise.all([fake?.close(), ...Object.values(providerFakes).map((f) => f.close())]);
  };
  try {
    return await serve(config, { fake, providerFakes, closeFakes });
  } catch (error) {
    await closeFakes();
    throw error;
  }
}

/** How long requests in flight get to finish once a stop is asked for; then their connections are cut. */
const STOP_GRACE_MS = 5_000;
/** A stop that takes longer than this (a store that does not answer) ends the process anyway. */
const STOP_DEADLINE_MS = 10_000;

/** Listens, or explains in one line which setting chooses another port when this one is taken. */
async function listenOn(
  fetch: Parameters<typeof listen>[0],
  port: number,
  host: string,
  setting: string,
): Promise<ServerType> {
  try {
    return await listen(fetch, port, host);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    throw new ConfigError(
      `Port ${port} on ${host} is in use (another Kasa still running?): stop that process, or choose another port with ${setting}.`,
    );
  }
}

async function serve(
  config: KasaConfig,
  fakes: {
    readonly fake: FakeStore | undefined;
    readonly providerFakes: Partial<Record<'payments' | 'pickup', ProviderFake>>;
    closeFakes(): Promise<void>;
  },
): Promise<number> {
  const { fake, providerFakes } = fakes;
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const shopOrigin = `http://localhost:${config.demoShop.port}`;
  const allowedOrigins = config.demoShop.enabled
    ? [...config.allowedOrigins, shopOrigin, `http://127.0.0.1:${config.demoShop.port}`]
    : config.allowedOrigins;
  console.log('Preparing the checkout widget and the dashboard…');
  const widget = {
    assets: await loadWidgetAssets(undefined, { build: assetBuild() }),
    render: renderCheckoutFragment,
  };
  const dashboard = await dashboardBundle();
  const pool =
    config.events.store === 'postgres' && config.events.postgresUrl
      ? await openPostgres(config.events.postgresUrl)
      : undefined;
  const runtime = createRuntime({
    config: { ...config, allowedOrigins },
    publicUrl,
    widget,
    ...(dashboard ? { dashboard } : {}),
    ...(pool ? { analytics: createPostgresAnalytics(pool) } : {}),
    ...(fake ? { demoStore: fake.demoStore } : {}),
  });
  const servers: ServerType[] = [];
  /** What serving opened, closed in order: the servers first, the stores once they are idle. */
  const closeServing = async () => {
    await Promise.all(servers.map((server) => closeGracefully(server, STOP_GRACE_MS)));
    await runtime.close();
    await pool?.end();
  };
  // Listening before the signal handlers are in place would let a stop that comes right after
  // "Kasa is running." kill the process without closing anything (seen on a loaded CI machine).
  let stopping = false;
  stopOnSignal(async (signal) => {
    stopping = true;
    console.log(`\nStopping (${signal}): answering the requests in flight, then closing the stores…`);
    await closeServing();
    await fakes.closeFakes();
    console.log('Kasa stopped.');
  });
  try {
    servers.push(await listenOn(runtime.app.fetch, config.port, config.host, '`port` (env KASA_PORT)'));
    if (config.demoShop.enabled && runtime.demoStore) {
      const { createDemoShop } = await import('@kasa/demo-shop');
      const demo = createDemoShop({
        store: runtime.demoStore,
        kasaUrl: publicUrl,
        // The in-process demo shop is the shop's server: it gets the shop key.
        kasaKey: runtime.shopKey,
        kasaShopId: config.shopId,
      });
      servers.push(
        await listenOn(
          demo.fetch,
          config.demoShop.port,
          config.host,
          '`demoShop.port` (env KASA_DEMO_SHOP_PORT)',
        ),
      );
    }
  } catch (error) {
    // start() closes the fakes.
    await closeServing();
    throw error;
  }
  const lines = [
    'Kasa is running.',
    `  Checkout API   ${publicUrl}/api`,
    `  OpenAPI        ${publicUrl}/api/openapi.json`,
    `  Widget script  ${publicUrl}/widget/${widget.assets.entry}`,
    shopOriginsLine(allowedOrigins),
  ];
  // The token rides in the fragment: browsers never send it, so it stays out of request logs.
  if (dashboard)
    lines.push(`  Dashboard      ${publicUrl}/dashboard/#token=${runtime.analytics.merchantToken}`);
  if (config.demoShop.enabled && runtime.demoStore) {
    lines.push(`  Demo shop      ${shopOrigin}/`);
  } else if (config.demoShop.enabled) {
    lines.push("  Demo shop      not served: the shop's own pages hand their carts to Kasa");
  }
  lines.push(
    `  Store          ${fake ? fake.label : describeStore(config.store)}`,
    ...(storefrontOf(config.store).webhooks
      ? [`  Webhooks       ${publicUrl}/api/webhooks/${config.store.platform}`]
      : []),
    `  Payments       ${providerFakes.payments?.label ?? pluginNamed(PAYMENT_PROVIDERS, config.payments.provider).label}`,
    `  Lockers        ${providerFakes.pickup?.label ?? pluginNamed(PICKUP_PROVIDERS, config.pickup.provider).label}`,
  );
  lines.push(
    `  Data           ${config.databaseFile}`,
    `  Events         ${pool && config.events.postgresUrl ? `PostgreSQL ${redactUrl(config.events.postgresUrl)}` : config.events.store}`,
    '',
    'Press Ctrl+C to stop.',
  );
  console.log(lines.join('\n'));
  if (config.analytics.seedCheckouts > 0) {
    seedInBackground(runtime, config.analytics.seedCheckouts, config.shopId).catch((error: Error) => {
      // A stop during seeding refuses its next batch: that is the stop, not a failure.
      if (!stopping) console.error(`Seeding the dashboard failed: ${error.message}`);
    });
  }
  return 0;
}

/**
 * On SIGINT or SIGTERM (Ctrl+C, a process manager, a container stop) runs `stop` once and exits:
 * 0 when it finished, 1 when it failed or overran STOP_DEADLINE_MS. Later signals do not cut the stop
 * short: Ctrl+C under `pnpm start` reaches both pnpm and Kasa, and some managers signal twice.
 */
function stopOnSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const overrun = setTimeout(() => {
      console.error(`Kasa did not stop within ${seconds(STOP_DEADLINE_MS)}: exiting anyway.`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    overrun.unref();
    stop(signal).then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`Stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
