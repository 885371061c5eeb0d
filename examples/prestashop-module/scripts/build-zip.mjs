/**
 * Builds kasa.zip, the file a merchant uploads in Modules › Module Manager › Upload a module.
 * PrestaShop wants the module folder at the root of the archive (`kasa/kasa.php`). Only `kasa/`
 * goes in: not tests/ or scripts/. It writes outside the repository: `--out`, else the system's
 * temporary folder; the path is printed.
 *
 *   node examples/prestashop-module/scripts/build-zip.mjs --out ~/kasa.zip
 */
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outPath, zipFolder } from '../../zip.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(outPath(join(tmpdir(), 'kasa.zip')));
const names = zipFolder({ base: root, include: ['kasa'], prefix: '', out });
for (const required of [
  'kasa/kasa.php',
  'kasa/logo.png',
  'kasa/translations/pl-PL/ModulesKasaAdmin.pl-PL.xlf',
]) {
  if (!names.includes(required)) throw new Error(`${required} is missing from the archive`);
}
console.log(`Upload ${out} in Modules › Module Manager › Upload a module.`);
