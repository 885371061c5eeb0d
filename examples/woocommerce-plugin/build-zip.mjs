/**
 * Builds the installable plugin: dist/kasa-checkout.zip with one folder, kasa-checkout/, as
 * WordPress's "Upload plugin" expects.
 *
 *   node examples/woocommerce-plugin/build-zip.mjs [--out path/to/kasa-checkout.zip]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outPath, zipFolder } from '../zip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
zipFolder({
  base: here,
  include: [
    'kasa-checkout.php',
    'uninstall.php',
    'readme.txt',
    'includes',
    'blocks',
    // The translations WordPress loads, and their template; not the script that makes them.
    'languages/kasa-checkout.pot',
    'languages/kasa-checkout-pl_PL.po',
    'languages/kasa-checkout-pl_PL.mo',
  ],
  prefix: 'kasa-checkout',
  out: resolve(outPath(join(here, 'dist', 'kasa-checkout.zip'))),
});
