/**
 * The Kasa plugin on the real shop, installed as a shop owner installs it: the zip built from
 * `examples/woocommerce-plugin` uploaded on Plugins → Add New → Upload Plugin, activated, and
 * configured on WooCommerce → Kasa.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, type RealShop } from './platform.ts';
import { fieldValue, type WpSession, wpLogin } from './wp-admin.ts';

const run = promisify(execFile);

export const PLUGIN = 'kasa-checkout/kasa-checkout';

export interface KasaPluginSettings {
  readonly webhookSecret: string;
  readonly shopKey: string;
}

/** Builds the zip a merchant downloads. */
export async function buildPluginZip(out: string): Promise<string> {
  await run('node', [join(REPO, 'examples', 'woocommerce-plugin', 'build-zip.mjs'), '--out', out]);
  return out;
}

/** Whether the plugin is installed, and active. */
export async function pluginStatus(shop: RealShop): Promise<'absent' | 'inactive' | 'active'> {
  const answer = await shop.wp<{ status?: string }>('GET', `/wp/v2/plugins/${PLUGIN}`, undefined, [404]);
  if (answer.status === 404) return 'absent';
  return answer.body.status === 'active' ? 'active' : 'inactive';
}

/** Plugins → Activate / Deactivate (the REST route the Plugins screen's actions match). */
export async function setPluginActive(shop: RealShop, active: boolean): Promise<void> {
  await shop.wp('POST', `/wp/v2/plugins/${PLUGIN}`, { status: active ? 'active' : 'inactive' });
}

/**
 * Removes an earlier install (deactivate, delete: its uninstall.php runs), uploads the freshly built
 * zip through wp-admin and activates it. Returns the admin session for the settings page.
 */
export async function installPlugin(shop: RealShop): Promise<WpSession> {
  const status = await pluginStatus(shop).catch(() => 'broken' as const);
  if (status === 'broken') {
    // An earlier build that breaks WordPress: take its folder away, as a merchant would over FTP
    // (WordPress then deactivates it).
    rmSync(join(shop.wpDir, 'wp-content', 'plugins', 'kasa-checkout'), { recursive: true, force: true });
  } else {
    if (status === 'active') await setPluginActive(shop, false);
    if (status !== 'absent') await shop.wp('DELETE', `/wp/v2/plugins/${PLUGIN}`);
  }

  const zip = await buildPluginZip(join(shop.root, 'kasa-checkout.zip'));
  const admin = await wpLogin(shop.url, shop.adminUser, shop.adminPassword);
  // WooCommerce sends the first admin page after its activation to its setup wizard: ask again.
  let form = await admin.get('/wp-admin/plugin-install.php?tab=upload');
  if (form.status === 302) form = await admin.get('/wp-admin/plugin-install.php?tab=upload');
  const nonce = fieldValue(form.text, '_wpnonce');
  if (nonce === undefined) throw new Error(`no upload form on plugin-install.php (HTTP ${form.status})`);
  const body = new FormData();
  body.set('_wpnonce', nonce);
  body.set('_wp_http_referer', '/wp-admin/plugin-install.php?tab=upload');
  body.set('pluginzip', new Blob([readFileSync(zip)], { type: 'application/zip' }), 'kasa-checkout.zip');
  body.set('install-plugin-submit', 'Install Now');
  const uploaded = await admin.post('/wp-admin/update.php?action=upload-plugin', body);
  if (!/Plugin installed successfully/i.test(uploaded.text)) {
    const said = uploaded.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    throw new Error(
      `WordPress did not install kasa-checkout.zip (HTTP ${uploaded.status}): ${said.slice(-600)}`,
    );
  }
  await setPluginActive(shop, true);
  return admin;
}

/**
 * WooCommerce → Kasa: saves the Kasa server URL and the shop's public key (which creates the order
 * webhook), then reads the secrets the page shows for Kasa's configuration.
 */
export async function configurePlugin(
  admin: WpSession,
  settings: { serverUrl: string; publicKey: string; checkoutPage?: number; replaceCheckout?: boolean },
): Promise<KasaPluginSettings> {
  const page = '/wp-admin/admin.php?page=kasa-checkout';
  const form = await admin.get(page);
  const nonce = fieldValue(form.text, '_wpnonce');
  if (form.status !== 200 || nonce === undefined)
    throw new Error(`no Kasa settings form (HTTP ${form.status})`);
  const saved = await admin.post(
    '/wp-admin/options.php',
    new URLSearchParams({
      option_page: 'kasa_checkout',
      action: 'update',
      _wpnonce: nonce,
      _wp_http_referer: page,
      'kasa_checkout_settings[server_url]': settings.serverUrl,
      'kasa_checkout_settings[public_key]': settings.publicKey,
      'kasa_checkout_settings[checkout_page]': String(settings.checkoutPage ?? 0),
      ...(settings.replaceCheckout ? { 'kasa_checkout_settings[replace_checkout]': '1' } : {}),
    }),
  );
  if (saved.status !== 302) throw new Error(`saving the Kasa settings answered ${saved.status}`);
  return readPluginSettings(admin);
}

/** The secrets the Kasa settings page shows. */
export async function readPluginSettings(admin: WpSession): Promise<KasaPluginSettings> {
  const shown = await admin.get('/wp-admin/admin.php?page=kasa-checkout');
  const secrets = [...shown.text.matchAll(/<input[^>]*value="([^"]*)"[^>]*readonly/g)].map((m) => m[1] ?? '');
  const [webhookSecret = '', shopKey = ''] = secrets;
  if (webhookSecret.length < 8 || shopKey.length < 24) {
    throw new Error('the Kasa settings page shows no webhook secret or shop key');
  }
  return { webhookSecret, shopKey };
}
