/**
 * Builds the custom pixel a merchant pastes into Shopify (dist/kasa-custom-pixel.js): the app
 * pixel's code bundled into one plain script, with the settings as its first lines.
 *
 *   node examples/shopify-app/scripts/build-custom-pixel.mjs [--out file]
 *
 * esbuild comes from the Kasa server's dependencies (the server's build uses it too), so this example
 * needs no bundler of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const esbuild = createRequire(here('../../../apps/server/package.json'))('esbuild');

export const SETTINGS_BANNER = `// Kasa custom pixel. Fill in the two settings below, then paste this whole text into
// Shopify admin › Settings › Customer events › Add custom pixel (Permission: "Required": Analytics).
const KASA_SETTINGS = {
  collectorUrl: 'https://YOUR-KASA-SERVER', // the Kasa server's address
  shopId: 'YOUR-KASA-SHOP-ID', // Kasa's shop id (kasa.config: shopId)
};`;

/** The snippet's text. */
export async function buildCustomPixel() {
  const result = await esbuild.build({
    entryPoints: [here('../pixel/custom-pixel.ts')],
    absWorkingDir: here('..'),
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    banner: { js: SETTINGS_BANNER },
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1] : here('../dist/kasa-custom-pixel.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildCustomPixel());
  console.log(`wrote ${out}`);
}
