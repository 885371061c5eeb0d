import { fileURLToPath } from 'node:url';
import { COMPRESSED_MANIFEST, compressBuilt } from './compress.ts';
import { publishBuild, stagingFolder } from './publish.ts';

export const WIDGET_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TRACKER_MANIFEST = '.vite/tracker-manifest.json';
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
/** Vite's module that wraps every dynamic import() in a build for the browser. */
const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * Builds the browser bundle: `kasa-checkout.<hash>.js` (the custom element and `mount`, with the
 * stylesheet beside it for the bare road). React is Preact here: `react` resolves to a thin layer
 * over Preact core and hooks (src/react-lite), which is what keeps the bundle within its weight goal.
 *
 * The files' gzip and brotli copies are made here too, once (compress.ts). It builds in a folder of
 * its own and then moves it into `outDir` (publish.ts): two test files that start together may both
 * build, and neither may find the other's half done.
 *
 * @example await buildWidget(); // writes packages/widget/dist and dist/.vite/manifest.json
 */
export async function buildWidget(outDir = DEFAULT_OUT_DIR): Promise<void> {
  // Vite builds for development when NODE_ENV says so (vitest sets "test"): a bigger bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const startedAt = Date.now();
  const staging = stagingFolder(outDir);
  try {
    await buildBundle(staging);
    await buildTracker(staging);
    await compressBuilt(staging);
    publishBuild(staging, outDir, COMPRESSED_MANIFEST, startedAt);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

// Vite is imported when a build runs: a server that serves a built widget never loads it.
async function buildBundle(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    mode: 'production',
    configFile: false,
    root: WIDGET_ROOT,
    // Assets (the stylesheet) are found next to the script, wherever a server mounts it.
    base: './',
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: {
      alias: [
        { find: /^react$/, replacement: fileURLToPath(new URL('../react-lite/react.ts', import.meta.url)) },
        {
          find: /^react-dom$/,
          replacement: fileURLToPath(new URL('../react-lite/react-dom.ts', import.meta.url)),
        },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      ],
    },
    // Chunks loaded later (English, rarely seen views) need no preloading: the widget's CSS is inline
    // or one file, and modulePreload is off. Vite still wraps each import() in its preload helper
    // (about 0.9 kB gzip); this one-line helper takes its place.
    plugins: [
      {
        name: 'kasa:plain-dynamic-import',
        enforce: 'pre',
        load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : undefined),
      },
    ],
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      // Declarative shadow DOM already needs Chrome 111, Safari 16.4, Firefox 123: all run ES2022.
      target: 'es2022',
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { 'kasa-checkout': fileURLToPath(new URL('../embed.ts', import.meta.url)) },
        output: {
          entryFileNames: '[name].[hash].js',
          chunkFileNames: 'kasa-[name].[hash].js',
          assetFileNames: 'kasa-[name].[hash][extname]',
          format: 'es',
        },
      },
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWidget();
  console.log(`Widget built into ${DEFAULT_OUT_DIR}`);
}

/** The tracker: its own script, so a checkout without analytics never downloads it. */
async function buildTracker(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    mode: 'production',
    configFile: false,
    root: WIDGET_ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      manifest: TRACKER_MANIFEST,
      target: 'es2022',
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { 'kasa-tracker': fileURLToPath(import.meta.resolve('@kasa/tracker/browser')) },
        output: { entryFileNames: '[name].[hash].js', chunkFileNames: 'kasa-[name].[hash].js', format: 'es' },
      },
    },
  });
}
