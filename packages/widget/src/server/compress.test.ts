import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliPath, COMPRESSED_MANIFEST, compressBuilt, gzipPath } from './compress.ts';

/** A script like a bundle's: long, with repeats a compressor can find far apart. */
const script = Array.from(
  { length: 400 },
  (_, i) => `export const field${i} = (value) => value.trim().slice(0, ${i % 37}) || "pole ${i}";`,
).join('\n');

/** An empty build folder, as Vite leaves it before the compression step (its manifests in .vite/). */
function buildFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-compress-'));
  mkdirSync(join(dir, '.vite'));
  return dir;
}

describe('compressed copies made by a build', () => {
  it('writes gzip and brotli copies that give back each script and stylesheet, and lists them last', async () => {
    const dir = buildFolder();
    writeFileSync(join(dir, 'kasa-checkout.abc.js'), script);
    writeFileSync(join(dir, 'kasa-styles.def.css'), '.kasa{color:red}\n'.repeat(50));
    writeFileSync(join(dir, 'notes.txt'), 'not served');
    await compressBuilt(dir);
    for (const file of ['kasa-checkout.abc.js', 'kasa-styles.def.css']) {
      const path = join(dir, file);
      const body = readFileSync(path);
      expect(gunzipSync(readFileSync(gzipPath(path)))).toEqual(body);
      expect(brotliDecompressSync(readFileSync(brotliPath(path)))).toEqual(body);
    }
    const listed: Record<string, unknown> = JSON.parse(readFileSync(join(dir, COMPRESSED_MANIFEST), 'utf8'));
    expect(Object.keys(listed).sort()).toEqual(['kasa-checkout.abc.js', 'kasa-styles.def.css']);
  });

  it('makes gzip smaller than zlib at its best level, as Zopfli does', async () => {
    const dir = buildFolder();
    const path = join(dir, 'kasa-checkout.abc.js');
    writeFileSync(path, script);
    await compressBuilt(dir);
    expect(readFileSync(gzipPath(path)).length).toBeLessThan(gzipSync(script, { level: 9 }).length);
  });
});
