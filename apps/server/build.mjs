/**
 * `pnpm build` for the server (plain JavaScript: it runs with node, like what it makes): bundles the `kasa` CLI (and with it the server and every workspace
 * package it uses) into dist/kasa.js, plain JavaScript that runs with `node`, no TypeScript loader.
 * The widget and the dashboard are built by their own packages' build scripts, which pnpm runs first
 * (this package depends on them); the bundle serves them from where those builds leave them.
 *
 * What stays outside the bundle: native bindings (compiled per platform, loaded from node_modules)
 * and the build tools, Vite and Zopfli (only the widget's and dashboard's builders load them, never
 * a production server). The bundle names files of the checkout by relative path, so dist/ belongs
 * to its checkout: build it after `pnpm install`. Beside it, dist/ingest-fold.js: the summaries'
 * fold the SQLite event writer thread loads (plain JavaScript there too).
 *
 * Files a module reads beside itself (`new URL('…', import.meta.url)`: the event writer thread, the
 * widget's stylesheet, the built widget and dashboard, the fakes' fixtures) must still be found
 * there, so each module keeps its own `import.meta.url`: the bundle rewrites it to the module's
 * source location, relative to dist/ (the bundle runs from a checkout, as `pnpm start` does).
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(here, 'dist');

/** Native bindings that load their platform's binary from packages of their own (not in the folder). */
const NATIVE_BY_NAME = /^(?:pg-native|fsevents)$/;
/** Only the widget's and dashboard's builders load Vite and Zopfli; a production server never does. */
const BUILD_TOOLS = ['vite', '@gfx/zopfli'];

/** A path from the bundle's folder to `file`, as an ES module specifier. */
const fromBundle = (outDir, file) => {
  const path = relative(outDir, file).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

/** Gives every bundled module the `import.meta.url` of its own file (see the comment on top). */
const ownModuleUrl = (outDir) => ({
  name: 'own-module-url',
  setup(build) {
    build.onLoad({ filter: /\.(?:[cm]?[jt]sx?)$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = `new URL(${JSON.stringify(fromBundle(outDir, args.path))}, import.meta.url).href`;
      const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
      const loader = ext === 'tsx' ? 'tsx' : ext.endsWith('ts') ? 'ts' : 'js';
      return { contents: source.replaceAll('import.meta.url', url), loader };
    });
  },
});

/** The folder of the package a resolved file belongs to. */
function packageRoot(file) {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A package with compiled code: built by node-gyp, or shipping prebuilt binaries. */
const isNative = (root) => existsSync(join(root, 'binding.gyp')) || existsSync(join(root, 'prebuilds'));

/**
 * Leaves native bindings out of the bundle (their binaries are found beside their JavaScript), each
 * imported by its path from the bundle to the copy its importer resolves: pnpm gives each package its
 * own dependencies, which the server does not share. The SQLite binding can change without this file.
 */
const nativeFromImporter = (outDir) => ({
  name: 'native-from-importer',
  setup(build) {
    // Bare specifiers only (Go regular expressions have no lookahead: the rest is checked here).
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || isBuiltin(args.path) || args.path.startsWith('@kasa/'))
        return undefined;
      let file;
      try {
        file = createRequire(args.importer).resolve(args.path);
      } catch {
        // Not resolvable as CommonJS (an ES-only package: no native code to keep out), or an optional
        // binding that is not installed (pg-native), which its importer copes without.
        return NATIVE_BY_NAME.test(args.path) ? { path: args.path, external: true } : undefined;
      }
      if (!isNative(packageRoot(file)) && !NATIVE_BY_NAME.test(args.path)) return undefined;
      return { path: fromBundle(outDir, file), external: true };
    });
  },
});

/** Writes `outDir`/kasa.js (and its source map). */
async function buildServer(outDir) {
  await rm(outDir, { recursive: true, force: true });
  await esbuild.build({
    // The SQLite event writer thread loads the summaries' fold from a bundle of its own.
    entryPoints: {
      kasa: `${here}/src/cli.ts`,
      'ingest-fold': join(here, '../../packages/storage/src/summaries/ingest-fold.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.js' },
    external: BUILD_TOOLS,
    plugins: [ownModuleUrl(outDir), nativeFromImporter(outDir)],
    // Bundled CommonJS packages call require() for Node's built-ins: give the ES module one.
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __kasaCreateRequire } from 'node:module';",
        'const require = __kasaCreateRequire(import.meta.url);',
        // Code that loads another bundle of this folder finds it from here (KASA_BUNDLE_URL below).
        'const __kasaBundleUrl = import.meta.url;',
        // The built CLI is the production server: assets as `pnpm build` left them (see cli/start.ts).
        "process.env.NODE_ENV ??= 'production';",
      ].join('\n'),
    },
    define: { KASA_BUNDLE_URL: '__kasaBundleUrl' },
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

// `node build.mjs [folder]`: apps/server/dist unless another folder is named (the tests use one).
const outDir = process.argv[2] ? resolve(process.argv[2]) : OUT_DIR;
await buildServer(outDir);
const shown = relative(process.cwd(), join(outDir, 'kasa.js'));
console.log(`Server built: node ${shown} start`);
