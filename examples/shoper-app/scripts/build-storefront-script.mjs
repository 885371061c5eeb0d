/**
 * Builds the storefront script a Shoper shop owner installs (dist/kasa-shoper.js): src/kasa-shoper.ts
 * with the basket reader from packages/adapters/shoper/src/storefront, as one small classic script.
 *
 *   node examples/shoper-app/scripts/build-storefront-script.mjs [--out file]
 *
 * esbuild comes from the Kasa server's dependencies (as for the Shopify example's custom pixel), so
 * this example needs no bundler and no package.json of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const esbuild = createRequire(here('../../../apps/server/package.json'))('esbuild');

/**
 * A browser entry bundled into one minified classic script (IIFE), as text.
 *
 * @example const text = await bundleForBrowser(here('../src/kasa-shoper.ts'));
 */
export async function bundleForBrowser(entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    // Custom elements, optional chaining and AbortSignal.timeout: every browser Kasa's widget runs in.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

/**
 * The storefront script's text.
 *
 * @example const text = await buildStorefrontScript(); // '(()=>{…})();'
 */
export const buildStorefrontScript = () => bundleForBrowser(here('../src/kasa-shoper.ts'));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1] : here('../dist/kasa-shoper.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildStorefrontScript());
  console.log(`Storefront script written to ${out}`);
}
