import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The PrestaShop module (examples/prestashop-module) as a merchant gets it: its version in step
 * with this package, a Polish translation for every string it shows, a real logo.png, and an
 * archive holding the module and nothing of the repository's tests or scripts.
 */

const moduleRoot = fileURLToPath(new URL('../../../../examples/prestashop-module/', import.meta.url));
const kasa = join(moduleRoot, 'kasa');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** PHP's single-quoted string, unescaped. */
const unquote = (text: string) => text.replace(/\\(['\\])/g, '$1');

/** Every `trans('…', […], 'Modules.Kasa.*')` and `{l s='…' d='Modules.Kasa.*'}` of the module. */
function translatable(): { domain: string; source: string; file: string }[] {
  const found: { domain: string; source: string; file: string }[] = [];
  for (const file of filesUnder(kasa)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.php')) {
      for (const m of text.matchAll(/trans\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*\[[^\]]*\]\s*,\s*'([^']+)'/g)) {
        found.push({ source: unquote(m[1] ?? ''), domain: m[2] ?? '', file });
      }
    }
    if (file.endsWith('.tpl')) {
      for (const m of text.matchAll(/\{l s='((?:[^'\\]|\\.)*)' d='([^']+)'/g)) {
        found.push({ source: unquote(m[1] ?? ''), domain: m[2] ?? '', file });
      }
    }
  }
  return found;
}

const xmlText = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** source → target of the Polish catalogue of a domain (`Modules.Kasa.Admin` → ModulesKasaAdmin.pl-PL.xlf). */
function polish(domain: string): Map<string, string> {
  const file = join(kasa, 'translations', 'pl-PL', `${domain.replace(/\./g, '')}.pl-PL.xlf`);
  const units = new Map<string, string>();
  for (const m of readFileSync(file, 'utf8').matchAll(
    /<source>([\s\S]*?)<\/source>\s*<target>([\s\S]*?)<\/target>/g,
  )) {
    units.set(xmlText(m[1] ?? ''), xmlText(m[2] ?? ''));
  }
  return units;
}

/** The entry names of a zip, read from its central directory. */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(body) : body);
    at += 46 + nameLength + extra;
  }
  return entries;
}

describe('the Kasa PrestaShop module as a merchant installs it', () => {
  it("has this package's version", () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const php = readFileSync(join(kasa, 'kasa.php'), 'utf8');
    expect(php.match(/\$this->version = '([^']+)'/)?.[1]).toBe(version);
  });

  it('has a Polish translation for every string it shows, in its own domains', () => {
    const strings = translatable();
    expect(strings.length).toBeGreaterThan(20);
    const missing = strings
      .filter(({ domain, source }) => {
        if (!/^Modules\.Kasa\.(Admin|Shop)$/.test(domain)) return true;
        const target = polish(domain).get(source);
        return target === undefined || target.trim() === '';
      })
      .map(({ domain, source, file }) => `${domain}: "${source}" (${relative(moduleRoot, file)})`);
    expect(missing).toEqual([]);
  });

  it('uses no legacy l() strings', () => {
    const legacy = filesUnder(kasa)
      .filter((file) => file.endsWith('.php'))
      .filter((file) => /\$this->l\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(moduleRoot, file));
    expect(legacy).toEqual([]);
  });

  it('has a logo.png that is a PNG', () => {
    const png = readFileSync(join(kasa, 'logo.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(32);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(32);
  });

  it('builds a zip with the module, outside the repository, and none of tests/ or scripts/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-zip-'));
    try {
      const out = join(dir, 'kasa.zip');
      const printed = execFileSync(
        process.execPath,
        [join(moduleRoot, 'scripts', 'build-zip.mjs'), '--out', out],
        { encoding: 'utf8' },
      );
      expect(printed).toContain(out);
      const entries = zipEntries(readFileSync(out));
      const names = [...entries.keys()];
      for (const required of [
        'kasa/kasa.php',
        'kasa/logo.png',
        'kasa/controllers/front/api.php',
        'kasa/controllers/front/checkout.php',
        'kasa/views/templates/front/checkout.tpl',
        'kasa/views/templates/hook/cart-view.tpl',
        'kasa/upgrade/upgrade-0.1.0.php',
        'kasa/translations/pl-PL/ModulesKasaAdmin.pl-PL.xlf',
        'kasa/translations/pl-PL/ModulesKasaShop.pl-PL.xlf',
      ]) {
        expect(names).toContain(required);
      }
      expect(names.every((name) => name.startsWith('kasa/'))).toBe(true);
      expect(names.filter((name) => /(^|\/)(tests|scripts|dist)\//.test(name))).toEqual([]);
      expect(entries.get('kasa/kasa.php')?.equals(readFileSync(join(kasa, 'kasa.php')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints only the widget of a fragment, with scripts from the Kasa server alone', (ctx) => {
    const server = 'https://kasa.example.pl';
    const state = '{"id":"chk_1","note":"</script><b>"}';
    const fragment = [
      `<kasa-checkout api="${server}" checkout="chk_1" shop="demo" tracker="${server}/widget/kasa-tracker.def.js" onclick="x()">`,
      '<template shadowrootmode="open"><style nonce="n">.k > p { color: red }</style>',
      '<div class="kasa" data-layout="one-page"><p>Zażółć</p><img src="x" onerror="alert(1)">',
      '<a href="javascript:alert(1)">a</a><iframe src="https://evil.example"></iframe>',
      '<form novalidate><input name="email" type="email" required></form></div></template></kasa-checkout>',
      `<script type="application/json" id="kasa-state">${state.replace('</', '<\\/')}</script>`,
      `<script type="module" src="${server}/widget/kasa-checkout.abc.js" async></script>`,
    ].join('');
    const out = phpFragment({ html: fragment, server, nonce: 'nonce-12345678' });
    if (out === undefined) return ctx.skip();
    expect(out).toContain(
      `<kasa-checkout api="${server}" checkout="chk_1" shop="demo" tracker="${server}/widget/kasa-tracker.def.js">`,
    );
    expect(out).toContain('<p>Zażółć</p>');
    expect(out).toContain('<style nonce="nonce-12345678">.k > p { color: red }</style>');
    expect(out).toContain('<input name="email" type="email" required>');
    expect(out).toContain(
      `<script type="module" src="${server}/widget/kasa-checkout.abc.js" async nonce="nonce-12345678"></script>`,
    );
    expect(out).toContain('\\u003C/script\\u003E');
    for (const bad of ['onclick', 'onerror', 'javascript:', 'iframe', 'evil.example']) {
      expect(out).not.toContain(bad);
    }
    // Any other script, or a module from elsewhere, and nothing is printed: the shop's checkout.
    for (const script of [
      '<script>alert(1)</script>',
      '<script type="module" src="https://evil.example/widget/x.js"></script>',
    ]) {
      expect(phpFragment({ html: fragment + script, server, nonce: 'nonce-12345678' })).toBe('');
    }
    // A tracker from anywhere but the Kasa server's widget folder: nothing is printed either.
    for (const tracker of ['https://evil.example/widget/t.js', `${server}/widget/t.js?x=<b>`]) {
      const foreign = fragment.replace(`${server}/widget/kasa-tracker.def.js`, tracker);
      expect(phpFragment({ html: foreign, server, nonce: 'nonce-12345678' })).toBe('');
    }
  });
});

/** Runs the module's KasaFragment::sanitize through tests/fragment.php; undefined without PHP. */
function phpFragment(input: { html: string; server: string; nonce: string }): string | undefined {
  try {
    return execFileSync('php', [join(moduleRoot, 'tests', 'fragment.php')], {
      input: JSON.stringify(input),
      encoding: 'utf8',
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}
