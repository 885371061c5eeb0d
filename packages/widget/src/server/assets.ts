import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWidget, DEFAULT_OUT_DIR, TRACKER_MANIFEST, WIDGET_ROOT } from './build.ts';
import { brotliPath, COMPRESSED_MANIFEST, gzipPath } from './compress.ts';

export interface WidgetAsset {
  readonly file: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  readonly contentType: string;
}

export interface WidgetAssets {
  /** The entry script's file name, e.g. `kasa-checkout.3f9a1c.js`. */
  readonly entry: string;
  /** Files the entry imports statically: what the browser must download before the widget works. */
  readonly initial: readonly string[];
  /** The stylesheet, which only the bare road (no server-rendered shadow root) downloads. */
  readonly stylesheet: string | undefined;
  /** The tracker's script (its own file: a page without analytics never loads it). */
  readonly tracker: string;
  readonly files: ReadonlyMap<string, WidgetAsset>;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  assets?: string[];
}

const newestSource = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'server' ? newest : Math.max(newest, newestSource(path));
    return entry.name.includes('.test.') ? newest : Math.max(newest, statSync(path).mtimeMs);
  }, 0);

/** The bundles also hold the @kasa/core code they import (error texts, event helpers). */
const newestWidgetSource = (): number =>
  Math.max(...['src', '../tracker/src', '../core/src'].map((dir) => newestSource(join(WIDGET_ROOT, dir))));

/**
 * The built widget and the compressed copies its build made, in memory for serving. By default it
 * is built first when the bundle is missing or older than its sources, so `pnpm start` and the tests
 * need no separate build step; `{ build: 'never' }` (a production server) serves what `pnpm build`
 * left, never loading Vite.
 */
export async function loadWidgetAssets(
  outDir = DEFAULT_OUT_DIR,
  options: { readonly build?: 'if-stale' | 'never' } = {},
): Promise<WidgetAssets> {
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  const trackerManifestPath = join(outDir, TRACKER_MANIFEST);
  // The compressed copies are made last: a build without them did not finish (or is older than them).
  const built = [manifestPath, trackerManifestPath, join(outDir, COMPRESSED_MANIFEST)].every((path) =>
    existsSync(path),
  );
  if (options.build === 'never') {
    if (!built) throw new Error(`the widget is not built in ${outDir}: run pnpm build`);
  } else if (!built || statSync(manifestPath).mtimeMs < newestWidgetSource()) {
    await buildWidget(outDir);
  }
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const trackerManifest = read(trackerManifestPath);
  const manifest = { ...read(manifestPath), ...trackerManifest };
  const entryChunk = Object.values(read(manifestPath)).find((chunk) => chunk.isEntry);
  const trackerChunk = Object.values(trackerManifest).find((chunk) => chunk.isEntry);
  if (!entryChunk || !trackerChunk)
    throw new Error(`No entry in ${outDir}'s manifests; rebuild with pnpm build`);
  const initial = [entryChunk.file, ...(entryChunk.imports ?? []).map((key) => manifest[key]?.file ?? key)];
  const files = new Map<string, WidgetAsset>();
  for (const chunk of Object.values(manifest)) {
    const path = join(outDir, chunk.file);
    files.set(chunk.file, {
      file: chunk.file,
      body: readFileSync(path),
      gzip: readFileSync(gzipPath(path)),
      brotli: readFileSync(brotliPath(path)),
      contentType: chunk.file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    });
  }
  const stylesheet = entryChunk.assets?.find((file) => file.endsWith('.css'));
  return { entry: entryChunk.file, initial, stylesheet, tracker: trackerChunk.file, files };
}
