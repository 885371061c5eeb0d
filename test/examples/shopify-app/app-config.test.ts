/**
 * The Shopify app's configuration files, read line by line: no TOML parser is installed in the
 * repository, and Shopify's CLI (which would validate them) is not reachable here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REQUIRED_SCOPES, REQUIRED_WEBHOOKS } from '../../../packages/adapters/shopify/src/diagnose.ts';

const app = fileURLToPath(new URL('../../../examples/shopify-app/', import.meta.url));
const read = (path: string) => readFileSync(`${app}${path}`, 'utf8');

/** The value of a `key = "…"` line (the first one), without its quotes. */
function stringValue(toml: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"\\s*$`, 'm').exec(toml)?.[1];
}

/** Every quoted string of a `key = [ … ]` line. */
function arrayValues(toml: string, key: string): string[][] {
  return [...toml.matchAll(new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'gm'))].map((m) =>
    [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((s) => s[1] ?? ''),
  );
}

/** Lines that are neither comments nor blank must be a table header, a key = value, or a continued array. */
function malformedLines(toml: string): string[] {
  let inArray = false;
  return toml.split('\n').filter((raw) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return false;
    if (inArray) {
      if (line.startsWith(']')) inArray = false;
      return !/^(\{.*\},?|"[^"]*",?|\])$/.test(line);
    }
    if (/^\[\[?[\w.]+\]\]?$/.test(line)) return false;
    const pair = /^[\w-]+\s*=\s*(.+)$/.exec(line);
    if (!pair) return true;
    const value = pair[1] ?? '';
    if (value === '[') {
      inArray = true;
      return false;
    }
    return !/^("[^"]*"|true|false|-?\d+|\[.*\])$/.test(value);
  });
}

const APP_FILES = ['shopify.app.toml', 'shopify.app.custom-checkout.toml'] as const;
const TOML_FILES = [
  ...APP_FILES,
  'extensions/kasa-pixel/shopify.extension.toml',
  'extensions/kasa-checkout-block/shopify.extension.toml',
];
const scopesOf = (file: string) => (stringValue(read(file), 'scopes') ?? '').split(',');
const topicName = (topic: string) => topic.toLowerCase().replace('_', '/');

describe('the Shopify app configuration', () => {
  it('keeps every toml file to plain tables, keys and values (no stray line a TOML parser would refuse)', () => {
    for (const file of TOML_FILES) expect(malformedLines(read(file)), file).toEqual([]);
  });

  it("asks mode A for the Storefront cart, the orders Kasa reconciles and the pixel, and mode B for what writing an order needs (the adapter's REQUIRED_SCOPES)", () => {
    const modeA = scopesOf('shopify.app.toml');
    const modeB = scopesOf('shopify.app.custom-checkout.toml');
    expect(modeA).toEqual(
      expect.arrayContaining([...REQUIRED_SCOPES.A, 'unauthenticated_write_checkouts', 'write_pixels']),
    );
    expect(modeA).not.toContain('write_orders');
    expect(modeB).toEqual(expect.arrayContaining([...modeA, ...REQUIRED_SCOPES.B]));
  });

  it("subscribes to the webhooks the adapter checks, at Kasa's signed webhook route for Shopify", () => {
    for (const file of APP_FILES) {
      const toml = read(file);
      const topics = arrayValues(toml, 'topics').flat();
      expect(topics, file).toEqual(expect.arrayContaining(REQUIRED_WEBHOOKS.map(topicName)));
      const uris = [...toml.matchAll(/^\s*uri\s*=\s*"([^"]*)"/gm)].map((m) => new URL(m[1] ?? '').pathname);
      expect(new Set(uris)).toEqual(new Set(['/api/webhooks/shopify']));
      expect(stringValue(toml, 'client_id')).toMatch(/^YOUR-/);
    }
    expect(arrayValues(read('shopify.app.toml'), 'compliance_topics').flat()).toEqual([
      'customers/data_request',
      'customers/redact',
      'shop/redact',
    ]);
  });

  it('declares the app pixel as a strict web pixel that needs analytics consent, with the settings its code reads', () => {
    const toml = read('extensions/kasa-pixel/shopify.extension.toml');
    expect(stringValue(toml, 'type')).toBe('web_pixel_extension');
    expect(stringValue(toml, 'runtime_context')).toBe('strict');
    expect(toml).toMatch(/\[customer_privacy\]\s*\nanalytics = true\nmarketing = false/);
    const fields = [...toml.matchAll(/^\[settings\.fields\.(\w+)\]$/gm)].map((m) => m[1]);
    expect(fields).toEqual(['collectorUrl', 'shopId']);
    const entry = read('extensions/kasa-pixel/src/index.ts');
    for (const field of fields) expect(entry).toContain(`settings.${field}`);
  });

  it("has the folder layout Shopify's CLI expects", () => {
    expect(stringValue(read('extensions/kasa-checkout-block/shopify.extension.toml'), 'type')).toBe('theme');
    for (const path of [
      'extensions/kasa-pixel/src/index.ts',
      'extensions/kasa-checkout-block/blocks/kasa-checkout.liquid',
      'extensions/kasa-checkout-block/assets/kasa-loader.js',
      'extensions/kasa-checkout-block/locales/en.default.json',
      'extensions/kasa-checkout-block/locales/pl.json',
    ]) {
      expect(existsSync(`${app}${path}`), path).toBe(true);
    }
  });

  it('carries no secret: placeholders only', () => {
    for (const file of TOML_FILES) expect(read(file)).not.toMatch(/shpat_|shpss_|client_secret|api_secret/i);
  });
});
