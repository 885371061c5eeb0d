/**
 * The Kasa module installed on the real shop as a shop owner installs it: its zip built by the
 * module's own build script, unpacked where Module Manager's upload puts it, and installed with the
 * console command PrestaShop provides (`Module::install()` from a bare PHP script fails inside
 * PrestaShop's Language class; the console boots the kernel as the back office does).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RealPrestaShop } from './platform.ts';
import { REPO } from './platform.ts';

const run = promisify(execFile);

export interface ModuleSecrets {
  /** The module's shared key (`module.key` in Kasa's settings). */
  readonly moduleKey: string;
  readonly webhookSecret: string;
}

/** Builds `kasa.zip`, replaces the module's files with it and installs it afresh; its new secrets. */
export async function installKasaModule(shop: RealPrestaShop): Promise<ModuleSecrets> {
  const folder = mkdtempSync(join(tmpdir(), 'kasa-ps-module-'));
  try {
    const zip = join(folder, 'kasa.zip');
    await run(process.execPath, [
      join(REPO, 'examples/prestashop-module/scripts/build-zip.mjs'),
      '--out',
      zip,
    ]);
    // A fresh install each run: an earlier run's install (and its secrets) must not leak in.
    await shop.console('prestashop:module', 'uninstall', 'kasa').catch(() => '');
    rmSync(join(shop.psDir, 'modules', 'kasa'), { recursive: true, force: true });
    await run('unzip', ['-q', '-o', zip, '-d', join(shop.psDir, 'modules')]);
    const installed = await shop.console('prestashop:module', 'install', 'kasa');
    if (!/succeeded/i.test(installed)) throw new Error(`the Kasa module did not install:\n${installed}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return readSecrets(shop);
}

export async function readSecrets(shop: RealPrestaShop): Promise<ModuleSecrets> {
  const values = await shop.tool<Record<string, string | false>>(
    'get-config',
    'KASA_API_KEY',
    'KASA_WEBHOOK_SECRET',
  );
  const moduleKey = values.KASA_API_KEY;
  const webhookSecret = values.KASA_WEBHOOK_SECRET;
  if (!moduleKey || !webhookSecret) throw new Error('the Kasa module has no shared key or webhook secret');
  return { moduleKey, webhookSecret };
}

/** Fills in the module's configuration page (only the fields given). */
export async function configureKasaModule(
  shop: RealPrestaShop,
  settings: Partial<Record<'webhookUrl' | 'serverUrl' | 'widgetUrl' | 'lockerCarriers', string>>,
): Promise<void> {
  const names = {
    webhookUrl: 'KASA_WEBHOOK_URL',
    serverUrl: 'KASA_SERVER_URL',
    widgetUrl: 'KASA_WIDGET_URL',
    lockerCarriers: 'KASA_LOCKER_CARRIERS',
  } as const;
  for (const [setting, value] of Object.entries(settings)) {
    await shop.tool('config', names[setting as keyof typeof names], value);
  }
}
