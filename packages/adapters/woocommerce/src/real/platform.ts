/**
 * A real WordPress + WooCommerce shop for the tests in this folder, started from the platform kit
 * (`up.sh` and the release tarballs): `<repo>/../shared/platforms/woocommerce`, or the folder named
 * by `KASA_WOO_PLATFORM_DIR`. The shop lives in `<repo>/.kasa/woocommerce-<version>/` (or
 * `KASA_WOO_ROOT`), so a second run reuses the database and the install; a lock file keeps two
 * test runs on one machine from starting it twice. Only the tests in this folder may read the kit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { lockFolder, phpAndMariaDb, readEnvFile } from '@kasa/adapter-testing/real';

const run = promisify(execFile);

export const REPO = resolve(import.meta.dirname, '../../../../..');

export type WooVersion = '10.0.2' | '8.9.3';
export type OrderStorage = 'posts' | 'hpos';

/** Fixed per version: WordPress keeps its own address (with the port) in the database. */
const PORTS: Record<WooVersion, { web: number; db: number }> = {
  '10.0.2': { web: 4490, db: 4416 },
  '8.9.3': { web: 4491, db: 4417 },
};

/** The Debian packages `up.sh` would otherwise install itself (`.ci/run` installs them). */
const PACKAGES =
  'php-cli php-mysql php-xml php-mbstring php-curl php-intl php-gd php-zip php-bcmath mariadb-server';

/** The platform kit's folder, or why the real-platform tests cannot run here. */
export function findKit(version: WooVersion): { dir: string } | { skip: string } {
  const dir = process.env.KASA_WOO_PLATFORM_DIR ?? resolve(REPO, '..', 'shared', 'platforms', 'woocommerce');
  const tarballs = process.env.WOO_TARBALLS ?? dir;
  const wanted = [
    join(dir, 'up.sh'),
    join(tarballs, 'wordpress-6.8.3.tar.gz'),
    join(tarballs, `woocommerce-${version}.tar.gz`),
  ];
  const missing = wanted.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return {
      skip: `real WooCommerce ${version} tests skipped: the platform kit is missing (${missing.join(', ')}). Put up.sh and the WordPress/WooCommerce tarballs in ../shared/platforms/woocommerce, or name their folder in KASA_WOO_PLATFORM_DIR.`,
    };
  }
  if (!phpAndMariaDb(['mysqli', 'mbstring', 'xml'])) {
    return {
      skip: `real WooCommerce ${version} tests skipped: PHP with mysqli/mbstring/xml and MariaDB are needed (apt-get install ${PACKAGES}; .ci/run installs them).`,
    };
  }
  return { dir };
}

export interface Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** `admin:<application password>` for HTTP Basic on the WordPress REST API. */
  readonly appPassword: string;
  readonly adminUser: string;
  readonly adminPassword: string;
}

export interface RealShop extends Credentials {
  readonly version: WooVersion;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly root: string;
  readonly wpDir: string;
  /** The sample product "Kawa ziarnista 250 g", 49.90 zł. */
  readonly productId: number;
  /** A WordPress REST call as the admin (application password); throws on a non-2xx answer unless `allow` has the status. */
  wp<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    allow?: readonly number[],
  ): Promise<{ status: number; body: T }>;
  /** Runs a command of `tools.php` inside WordPress (reset the orders, make a REST key…); returns its stdout. */
  tool(command: string, ...args: string[]): Promise<string>;
  /** The order storage in use. */
  readonly storage: () => OrderStorage;
  /** Deletes every order and switches the order storage (allowed only with no order anywhere). */
  resetOrders(storage: OrderStorage): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts (or reuses) the shop for one WooCommerce version and waits until it answers. Stop it with
 * `stop()`: only the processes `up.sh` started are ended.
 */
export async function startRealShop(kitDir: string, version: WooVersion): Promise<RealShop> {
  const root = process.env.KASA_WOO_ROOT ?? join(REPO, '.kasa', `woocommerce-${version}`);
  mkdirSync(dirname(root), { recursive: true });
  const release = await lockFolder(`${root}.lock`, 10 * 60_000);
  const ports = {
    web: Number(process.env.KASA_WOO_WEB_PORT ?? PORTS[version].web),
    db: Number(process.env.KASA_WOO_DB_PORT ?? PORTS[version].db),
  };
  // up.sh sets the storage on every run, which WooCommerce refuses while orders exist in the other
  // one: start with the storage the last run left.
  const storageFile = join(root, 'kasa-order-storage');
  let storage: OrderStorage = existsSync(storageFile)
    ? (readFileSync(storageFile, 'utf8').trim() as OrderStorage)
    : 'posts';
  const env = {
    ...process.env,
    WOO_VERSION: version,
    WOO_WEB_PORT: String(ports.web),
    WOO_DB_PORT: String(ports.db),
    WOO_ORDER_STORAGE: storage,
    ...(process.env.WOO_TARBALLS ? {} : { WOO_TARBALLS: kitDir }),
  };
  // The Kasa plugin is installed afresh from its zip by every run (plugin.ts); an earlier run's build
  // that breaks WordPress must not break up.sh's provisioning (WordPress forgets a missing plugin).
  rmSync(join(root, 'wp', 'wp-content', 'plugins', 'kasa-checkout'), { recursive: true, force: true });
  try {
    await run(join(kitDir, 'up.sh'), [root], { env, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    release();
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`up.sh failed for WooCommerce ${version}:\n${stderr.slice(-3000)}`, { cause: error });
  }
  const creds = readEnvFile(join(root, 'credentials.env'));
  const url = creds.WC_BASE_URL ?? `http://127.0.0.1:${ports.web}`;
  const wpDir = join(root, 'wp');
  const appPassword = `${creds.WP_ADMIN_USER ?? 'admin'}:${creds.WP_APP_PASSWORD ?? ''}`;
  const authorization = `Basic ${Buffer.from(appPassword).toString('base64')}`;

  async function wp<T>(method: string, path: string, body?: unknown, allow: readonly number[] = []) {
    const response = await fetch(`${url}/wp-json${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = (text === '' ? undefined : JSON.parse(text)) as T;
    if (!response.ok && !allow.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return { status: response.status, body: parsed };
  }

  async function tool(command: string, ...args: string[]) {
    const script = join(import.meta.dirname, 'tools.php');
    const { stdout } = await run('php', ['-d', 'memory_limit=512M', script, wpDir, url, command, ...args], {
      timeout: 120_000,
    });
    return stdout.trim();
  }

  const products = await wp<{ id: number }[]>('GET', '/wc/v3/products?sku=KAWA-250');
  const productId = products.body[0]?.id;
  if (productId === undefined) throw new Error('the sample product KAWA-250 is missing');

  return {
    version,
    url,
    root,
    wpDir,
    productId,
    consumerKey: creds.WC_CONSUMER_KEY ?? '',
    consumerSecret: creds.WC_CONSUMER_SECRET ?? '',
    appPassword,
    adminUser: creds.WP_ADMIN_USER ?? 'admin',
    adminPassword: creds.WP_ADMIN_PASSWORD ?? '',
    wp,
    tool,
    storage: () => storage,
    async resetOrders(next) {
      await tool('reset-orders', next);
      storage = next;
      writeFileSync(storageFile, next);
    },
    async stop() {
      try {
        await run(join(root, 'stop.sh'), [], { timeout: 60_000 });
      } finally {
        release();
      }
    },
  };
}
