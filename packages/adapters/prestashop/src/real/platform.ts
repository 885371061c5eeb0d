/**
 * A real PrestaShop 8.2.1 shop for the tests in this folder, started from the platform kit (`up.sh`
 * and the release tarball): `<repo>/../shared/platforms/prestashop`, or the folder named by
 * `KASA_PS_PLATFORM_DIR` (the tarball may sit elsewhere, named by `PS_TARBALLS`). The shop lives in
 * `<repo>/.kasa/prestashop-8.2.1/` (or `KASA_PS_ROOT`), so a second run reuses the database and the
 * install; a lock keeps two test runs on one machine from starting it twice. Only the tests in this
 * folder may read the kit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { lockFolder, phpAndMariaDb, readEnvFile } from '@kasa/adapter-testing/real';

const run = promisify(execFile);

export const REPO = resolve(import.meta.dirname, '../../../../..');
export const PS_VERSION = '8.2.1';

/** Fixed: PrestaShop keeps its own address (with the port) in the database. */
const PORTS = { web: 4590, db: 4516 };

/** The Debian packages `up.sh` would otherwise install itself (`.ci/run` installs them). */
const PACKAGES =
  'php-cli php-mysql php-xml php-mbstring php-curl php-intl php-gd php-zip php-bcmath mariadb-server unzip';

/** The platform kit's folder, or why the real-platform tests cannot run here. */
export function findKit(): { dir: string } | { skip: string } {
  const dir = process.env.KASA_PS_PLATFORM_DIR ?? resolve(REPO, '..', 'shared', 'platforms', 'prestashop');
  const tarballs = process.env.PS_TARBALLS ?? dir;
  const wanted = [join(dir, 'up.sh'), join(tarballs, `prestashop-${PS_VERSION}.tar.gz`)];
  const missing = wanted.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return {
      skip: `real PrestaShop ${PS_VERSION} tests skipped: the platform kit is missing (${missing.join(', ')}). Put up.sh and the PrestaShop tarball in ../shared/platforms/prestashop, or name their folder in KASA_PS_PLATFORM_DIR.`,
    };
  }
  if (!phpAndMariaDb(['mysqli', 'pdo_mysql', 'mbstring', 'xml', 'intl', 'zip'])) {
    return {
      skip: `real PrestaShop ${PS_VERSION} tests skipped: PHP with pdo_mysql/mbstring/xml/intl/zip and MariaDB are needed (apt-get install ${PACKAGES}; .ci/run installs them).`,
    };
  }
  return { dir };
}

export interface RealPrestaShop {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly root: string;
  /** The unpacked shop. */
  readonly psDir: string;
  /** The webservice key up.sh made, with every permission. */
  readonly webserviceKey: string;
  readonly adminUrl: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** A webservice call with the key; throws on a non-2xx answer unless `allow` has the status. */
  ws<T = unknown>(
    method: string,
    path: string,
    body?: string,
    allow?: readonly number[],
  ): Promise<{ status: number; body: T; text: string }>;
  /** Runs a command of `tools.php` inside PrestaShop; returns its JSON answer. */
  tool<T = unknown>(command: string, ...args: string[]): Promise<T>;
  /** `php bin/console …` in the shop. */
  console(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts (or reuses) the shop and waits until it answers. Stop it with `stop()`: only the processes
 * `up.sh` started are ended.
 */
export async function startRealPrestaShop(kitDir: string): Promise<RealPrestaShop> {
  const root = process.env.KASA_PS_ROOT ?? join(REPO, '.kasa', `prestashop-${PS_VERSION}`);
  mkdirSync(dirname(root), { recursive: true });
  const release = await lockFolder(`${root}.lock`, 10 * 60_000);
  const ports = {
    web: Number(process.env.KASA_PS_WEB_PORT ?? PORTS.web),
    db: Number(process.env.KASA_PS_DB_PORT ?? PORTS.db),
  };
  const env = {
    ...process.env,
    PS_WEB_PORT: String(ports.web),
    PS_DB_PORT: String(ports.db),
    ...(process.env.PS_TARBALLS ? {} : { PS_TARBALLS: kitDir }),
  };
  try {
    await run(join(kitDir, 'up.sh'), [root], { env, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    release();
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`up.sh failed for PrestaShop ${PS_VERSION}:\n${stderr.slice(-3000)}`, { cause: error });
  }
  const creds = readEnvFile(join(root, 'credentials.env'));
  const url = creds.PS_BASE_URL ?? `http://127.0.0.1:${ports.web}`;
  const psDir = join(root, 'ps');
  const webserviceKey = creds.PS_WS_KEY ?? '';
  const authorization = `Basic ${Buffer.from(`${webserviceKey}:`).toString('base64')}`;

  async function ws<T>(method: string, path: string, body?: string, allow: readonly number[] = []) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${url}/api/${path}${separator}output_format=JSON`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'text/xml' }) },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    if (!response.ok && !allow.includes(response.status)) {
      throw new Error(`${method} /api/${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed as T, text };
  }

  const adminDir = join(psDir, `admin${ports.web}`);
  async function tool<T>(command: string, ...args: string[]) {
    const script = join(import.meta.dirname, 'tools.php');
    const { stdout } = await run(
      'php',
      [
        '-d',
        'memory_limit=512M',
        '-d',
        'display_errors=stderr',
        script,
        psDir,
        adminDir,
        new URL(url).host,
        command,
        ...args,
      ],
      { cwd: psDir, timeout: 120_000 },
    );
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(last) as T;
  }

  async function console(...args: string[]) {
    const { stdout } = await run('php', ['-d', 'memory_limit=1G', 'bin/console', ...args], {
      cwd: psDir,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  return {
    url,
    root,
    psDir,
    webserviceKey,
    adminUrl: creds.PS_ADMIN_URL ?? `${url}/admin${ports.web}/`,
    adminEmail: creds.PS_ADMIN_EMAIL ?? '',
    adminPassword: creds.PS_ADMIN_PASSWORD ?? '',
    ws,
    tool,
    console,
    async stop() {
      try {
        await run(join(root, 'stop.sh'), [], { timeout: 60_000 });
      } finally {
        release();
      }
    },
  };
}
