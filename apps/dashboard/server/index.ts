/**
 * The built dashboard for a server to serve at /dashboard/: the HTML and every hashed asset, read
 * once and gzipped in memory. Builds with Vite first when dist is missing or older than the sources,
 * so `pnpm start` and the tests need no separate build step. No HTTP framework here: the server maps
 * `index` to GET /dashboard/ and `files` to GET /dashboard/<path>.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DASHBOARD_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT_DIR = join(DASHBOARD_ROOT, 'dist');

export interface DashboardFile {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly contentType: string;
}

export interface DashboardAssets {
  /** index.html, whose script and stylesheet point at /dashboard/assets/…. */
  readonly index: string;
  /** Keyed by the path under /dashboard/, e.g. 'assets/index-B2x9.js' (index.html not included). */
  readonly files: ReadonlyMap<string, DashboardFile>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** What the build reads: index.html, the config, src/ and the analytics helpers it bundles (tests left out). */
function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.includes('.test.') ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestSource(join(path, name))), 0);
}

const sourcesChanged = (): number =>
  Math.max(
    ...['index.html', 'vite.config.ts', 'src', 'package.json', '../../packages/analytics/src'].map((p) =>
      newestSource(join(DASHBOARD_ROOT, p)),
    ),
  );

/**
 * Builds the dashboard with apps/dashboard/vite.config.ts into `outDir`.
 *
 * @example await buildDashboard(); // writes apps/dashboard/dist
 */
export async function buildDashboard(outDir = DEFAULT_OUT_DIR): Promise<void> {
  const { build } = await import('vite');
  // Vite builds for development when NODE_ENV says so (vitest sets "test"): a bigger bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      root: DASHBOARD_ROOT,
      configFile: join(DASHBOARD_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.vite' ? [] : listFiles(path);
    return [path];
  });
}

/**
 * The built dashboard, compressed once in memory for serving. By default it is built first when
 * missing or older than its sources; `{ build: 'never' }` (a production server) serves what
 * `pnpm build` left, never loading Vite.
 *
 * @example
 * const { index, files } = await loadDashboardAssets();
 * files.get('assets/index-B2x9.js')?.contentType; // 'text/javascript; charset=utf-8'
 */
export async function loadDashboardAssets(
  outDir = DEFAULT_OUT_DIR,
  options: { readonly build?: 'if-stale' | 'never' } = {},
): Promise<DashboardAssets> {
  const indexPath = join(outDir, 'index.html');
  if (options.build === 'never') {
    if (!existsSync(indexPath)) throw new Error(`the dashboard is not built in ${outDir}: run pnpm build`);
  } else if (!existsSync(indexPath) || statSync(indexPath).mtimeMs < sourcesChanged()) {
    await buildDashboard(outDir);
  }
  const files = new Map<string, DashboardFile>();
  for (const path of listFiles(outDir)) {
    if (path === indexPath) continue;
    const body = readFileSync(path);
    files.set(relative(outDir, path).split(sep).join('/'), {
      body,
      gzip: gzipSync(body, { level: 9 }),
      contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    });
  }
  return { index: readFileSync(indexPath, 'utf8'), files };
}
