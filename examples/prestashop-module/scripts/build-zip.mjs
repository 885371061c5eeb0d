/**
 * Builds dist/kasa.zip, the file a merchant uploads in Modules › Module Manager › Upload a module.
 * PrestaShop wants the module folder at the root of the archive (`kasa/kasa.php`).
 *
 *   node examples/prestashop-module/scripts/build-zip.mjs [--out path/to/kasa.zip]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outPath, zipFolder } from '../../zip.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const names = zipFolder({
  base: root,
  include: ['kasa'],
  prefix: '',
  out: resolve(outPath(join(root, 'dist', 'kasa.zip'))),
});
if (!names.includes('kasa/kasa.php')) throw new Error('kasa/kasa.php is missing from the archive');
