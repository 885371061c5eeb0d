/**
 * `kasa doctor`: checks the configured shop end to end (reachable, credentials, permissions, the
 * Store API or webservice version, the Kasa plugin or module), then the configured payment and
 * pickup providers, and says what to fix. Nothing is written anywhere. Exit code 0 when every check
 * passes, 1 otherwise.
 */
import { type DiagnosticCheck, KasaError } from '@kasa/core';
import { z } from 'zod';
import { type KasaConfig, loadConfig } from '../config.ts';
import {
  PAYMENT_PROVIDERS,
  PICKUP_PROVIDERS,
  pluginContext,
  pluginNamed,
  type ServerPaymentPlugin,
  type ServerPickupPlugin,
} from '../plugins/registry.ts';
import {
  createStorefront,
  type DiagnosableAdapter,
  describeStore,
  FAKE_STORES,
  storefrontOf,
} from '../storefront/adapter.ts';
import { type CommandSpec, parseCommand } from './args.ts';
import { configOnFake } from './fake-store.ts';

export const DOCTOR_USAGE = `Usage: kasa doctor [--store configured|woocommerce-fake|prestashop-fake|shopify-fake|shoper-fake]

Checks the configured shop end to end: that it is reachable, that the credentials are right and
have the permissions Kasa needs, the Store API or webservice version, and that the Kasa plugin or
module is installed; then the payment provider's and the pickup provider's credentials. Prints each check with ✓ or ✗, what was found and what to fix. Nothing is
changed on the shop. Exit code 0 when every check passes, 1 when one fails.

  --store S   configured (default): \`store\` in kasa.config.json or KASA_STORE_PLATFORM and the
              KASA_WOOCOMMERCE_* / KASA_PRESTASHOP_* / KASA_SHOPIFY_* / KASA_SHOPER_* variables (see README);
              woocommerce-fake, prestashop-fake, shopify-fake, shoper-fake: a local fake of that platform,
              started for the check.

Examples:
  KASA_STORE_PLATFORM=woocommerce KASA_WOOCOMMERCE_URL=https://sklep.pl … kasa doctor
  kasa doctor --store prestashop-fake`;

const doctorArgs = z.strictObject({
  store: z
    .enum(['configured', ...FAKE_STORES], {
      error: `use one of configured, ${FAKE_STORES.join(', ')}`,
    })
    .default('configured'),
  positionals: z.array(z.string()).max(0, 'kasa doctor takes no arguments'),
});

const DOCTOR_SPEC: CommandSpec<typeof doctorArgs> = {
  command: 'doctor',
  schema: doctorArgs,
  options: { store: { type: 'string' } },
};

/** When an adapter cannot check itself: one read that needs the credentials (an order look-up). */
async function fallbackChecks(adapter: DiagnosableAdapter): Promise<DiagnosticCheck[]> {
  try {
    await adapter.findOrderByCheckout('chk_kasa_doctor_probe');
    return [
      {
        name: 'credentials',
        ok: true,
        detail: 'The shop answered an order look-up with the configured credentials.',
      },
    ];
  } catch (error) {
    const known = error instanceof KasaError ? error : undefined;
    const hint = known?.details?.hint;
    return [
      {
        name: known?.code === 'platform_auth_failed' ? 'credentials' : 'reachable',
        ok: false,
        detail: `The shop refused or failed an order look-up: ${known?.code ?? (error as Error).message}.`,
        fix:
          typeof hint === 'string'
            ? hint
            : 'Check the store settings in kasa.config.json or the KASA_* variables (see README, "Stores").',
      },
    ];
  }
}

/** The checks of the configured store: its own `diagnose()` when it has one, else an order look-up. */
async function diagnoseStore(config: Pick<KasaConfig, 'store' | 'sandbox'>): Promise<DiagnosticCheck[]> {
  const plugin = storefrontOf(config.store);
  if (plugin.diagnose) return plugin.diagnose(config.store);
  const { adapter } = createStorefront({ config });
  if (typeof adapter.diagnose !== 'function') return fallbackChecks(adapter);
  return [...(await adapter.diagnose())];
}

/** The report, one check per line (✓/✗, name, detail) and the fix under a failed one. */
function formatChecks(checks: readonly DiagnosticCheck[]): string {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  const lines = checks.flatMap((check) => [
    `  ${check.ok ? '✓' : '✗'} ${check.name.padEnd(width)}  ${check.detail}`,
    ...(!check.ok && check.fix ? [`    ${' '.repeat(width)}  fix: ${check.fix}`] : []),
  ]);
  const failed = checks.filter((c) => !c.ok).length;
  lines.push(
    '',
    failed === 0
      ? checks.length === 1
        ? 'The check passed.'
        : `All ${checks.length} checks passed.`
      : `${failed} of ${checks.length} checks failed: fix them in order, then run kasa doctor again.`,
  );
  return lines.join('\n');
}

/** A provider's checks: its own `diagnose()`, or one line saying it has nothing to check. */
async function diagnoseProvider(
  plugin: ServerPaymentPlugin | ServerPickupPlugin,
  settings: unknown,
  publicUrl: string,
): Promise<DiagnosticCheck[]> {
  if (!plugin.diagnose) {
    return [{ name: plugin.kind, ok: true, detail: `${plugin.label}: built in, no credentials to check.` }];
  }
  return [...(await plugin.diagnose(settings, pluginContext(publicUrl, plugin.name)))];
}

/**
 * Runs the checks for a configuration and prints them: the shop, then the payment provider and the
 * pickup provider. 0 when all pass, 1 otherwise.
 */
export async function runDoctor(
  config: Pick<KasaConfig, 'store' | 'sandbox' | 'publicUrl' | 'port' | 'payments' | 'pickup'>,
  out: (text: string) => void = console.log,
  label: string = describeStore(config.store),
): Promise<number> {
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  out(`Checking the shop: ${label}`);
  const checks = await diagnoseStore(config);
  out(formatChecks(checks));
  if (storefrontOf(config.store).webhooks) {
    out(`\nThe shop's webhooks go to ${publicUrl}/api/webhooks/${config.store.platform}`);
  }
  const all = [...checks];
  for (const [what, plugin, settings] of [
    ['payments', pluginNamed(PAYMENT_PROVIDERS, config.payments.provider), config.payments.settings],
    ['parcel lockers', pluginNamed(PICKUP_PROVIDERS, config.pickup.provider), config.pickup.settings],
  ] as const) {
    out(`\nChecking the ${what}: ${plugin.label}`);
    const found = await diagnoseProvider(plugin, settings, publicUrl);
    out(formatChecks(found));
    all.push(...found);
  }
  return checks.length > 0 && all.every((c) => c.ok) ? 0 : 1;
}

export async function doctor(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, DOCTOR_SPEC);
  if (parsed.help) {
    console.log(DOCTOR_USAGE);
    return 0;
  }
  if (parsed.args.store === 'configured') return runDoctor(loadConfig());
  const { config, fake } = await configOnFake(parsed.args.store);
  try {
    return await runDoctor(config, console.log, fake.label);
  } finally {
    await fake.close();
  }
}
