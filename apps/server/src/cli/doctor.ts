/**
 * `kasa doctor`: checks the configured shop end to end (reachable, credentials, permissions, the
 * Store API or webservice version, the Kasa plugin or module) and says what to fix. Nothing is
 * written on the shop. Exit code 0 when every check passes, 1 otherwise.
 */
import { type DiagnosticCheck, KasaError } from '@kasa/core';
import { z } from 'zod';
import { type KasaConfig, loadConfig } from '../config.ts';
import { createStorefront, type DiagnosableAdapter, describeStore } from '../storefront/adapter.ts';
import { FAKE_STORES } from '../storefront/fakes.ts';
import { type CommandSpec, parseCommand } from './args.ts';
import { configOnFake } from './fake-store.ts';

export const DOCTOR_USAGE = `Usage: kasa doctor [--store configured|woocommerce-fake|prestashop-fake]

Checks the configured shop end to end: that it is reachable, that the credentials are right and
have the permissions Kasa needs, the Store API or webservice version, and that the Kasa plugin or
module is installed. Prints each check with ✓ or ✗, what was found and what to fix. Nothing is
changed on the shop. Exit code 0 when every check passes, 1 when one fails.

  --store S   configured (default): \`store\` in kasa.config.json or KASA_STORE_PLATFORM and the
              KASA_WOOCOMMERCE_* / KASA_PRESTASHOP_* variables (see README); woocommerce-fake,
              prestashop-fake: a local fake of that platform, started for the check.

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

/** The checks of the configured store; `diagnose()` when the adapter has it (checked at run time). */
async function diagnoseStore(config: Pick<KasaConfig, 'store' | 'sandbox'>): Promise<DiagnosticCheck[]> {
  if (config.store.platform === 'sandbox') {
    return [
      {
        name: 'store',
        ok: true,
        detail: 'The sandbox store is built in and needs no credentials; nothing to check.',
      },
    ];
  }
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

/** Runs the checks for a configuration and prints them; 0 when all pass, 1 otherwise. */
export async function runDoctor(
  config: Pick<KasaConfig, 'store' | 'sandbox' | 'publicUrl' | 'port'>,
  out: (text: string) => void = console.log,
  label: string = describeStore(config.store),
): Promise<number> {
  out(`Checking the shop: ${label}`);
  const checks = await diagnoseStore(config);
  out(formatChecks(checks));
  if (config.store.platform !== 'sandbox') {
    const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
    out(`\nThe shop's webhooks go to ${publicUrl}/api/webhooks/${config.store.platform}`);
  }
  return checks.length > 0 && checks.every((c) => c.ok) ? 0 : 1;
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
