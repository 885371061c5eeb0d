import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const php = spawnSync('php', ['--version']).status === 0;

const phpFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? phpFiles(path) : name.endsWith('.php') ? [path] : [];
  });

/** Entry names from a zip's central directory. */
function entries(path: string): string[] {
  const zip = readFileSync(path);
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const names: string[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

describe('installable plugins', () => {
  it.skipIf(!php)('every PHP file of the WooCommerce plugin and the PrestaShop module passes php -l', () => {
    const files = phpFiles(examples);
    expect(files.length).toBeGreaterThan(15);
    const failed = files.filter((file) => spawnSync('php', ['-l', file]).status !== 0);
    expect(failed).toEqual([]);
  });

  it('zips the WooCommerce plugin as one kasa-checkout/ folder and the PrestaShop module as kasa/', () => {
    const out = mkdtempSync(join(tmpdir(), 'kasa-zips-'));
    execFileSync('node', [join(examples, 'woocommerce-plugin/build-zip.mjs'), '--out', join(out, 'woo.zip')]);
    execFileSync('node', [
      join(examples, 'prestashop-module/scripts/build-zip.mjs'),
      '--out',
      join(out, 'ps.zip'),
    ]);
    const woo = entries(join(out, 'woo.zip'));
    expect(woo).toContain('kasa-checkout/kasa-checkout.php');
    expect(woo.every((name) => name.startsWith('kasa-checkout/'))).toBe(true);
    const ps = entries(join(out, 'ps.zip'));
    expect(ps).toContain('kasa/kasa.php');
    expect(ps.every((name) => name.startsWith('kasa/'))).toBe(true);
  });
});
