import { createPostgresEventStore, openPostgres } from '@kasa/storage';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';
import { ConfigError, loadConfig } from './config.ts';
import { listen } from './listen.ts';
import { createRuntime } from './runtime.ts';

const USAGE = `Usage: kasa <command>

Commands:
  start    serve the checkout API, the sandbox bank and the demo shop

Configuration: kasa.config.json in the current folder, or KASA_* environment variables (see README).`;

async function start(): Promise<void> {
  const config = loadConfig();
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const shopOrigin = `http://localhost:${config.demoShop.port}`;
  const allowedOrigins = config.demoShop.enabled
    ? [...config.allowedOrigins, shopOrigin, `http://127.0.0.1:${config.demoShop.port}`]
    : config.allowedOrigins;
  console.log('Preparing the checkout widget…');
  const widget = { assets: await loadWidgetAssets(), render: renderCheckoutFragment };
  const events =
    config.events.store === 'postgres' && config.events.postgresUrl
      ? createPostgresEventStore(await openPostgres(config.events.postgresUrl))
      : undefined;
  const runtime = createRuntime({
    config: { ...config, allowedOrigins },
    publicUrl,
    widget,
    ...(events ? { events } : {}),
  });
  const api = await listen(runtime.app.fetch, config.port, config.host);
  const lines = [
    `Kasa is running.`,
    `  Checkout API   ${publicUrl}/api`,
    `  OpenAPI        ${publicUrl}/api/openapi.json`,
    `  Widget script  ${publicUrl}/widget/${widget.assets.entry}`,
  ];
  let shop: Awaited<ReturnType<typeof listen>> | undefined;
  if (config.demoShop.enabled) {
    const { createDemoShop } = await import('@kasa/demo-shop');
    const demo = createDemoShop({ sandbox: runtime.sandbox, kasaUrl: publicUrl });
    shop = await listen(demo.fetch, config.demoShop.port, config.host);
    lines.push(`  Demo shop      ${shopOrigin}/`);
  }
  lines.push(
    `  Data           ${config.databaseFile}`,
    `  Events         ${config.events.store}`,
    '',
    'Press Ctrl+C to stop.',
  );
  console.log(lines.join('\n'));
  const stop = () => {
    api.close();
    shop?.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: readonly string[]): Promise<void> {
  const [command] = argv;
  if (command === 'start') return start();
  console.log(USAGE);
  if (command !== undefined && command !== 'help' && command !== '--help') process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
