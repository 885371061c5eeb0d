/**
 * The storefront script a Shoper shop owner installs, as built: one small classic script (it runs
 * from a plain `<script src>` in Shoper's custom scripts), with none of the server's code in it.
 * Its behaviour in a browser is tested in test/e2e/shoper-basket-reader.test.ts.
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStorefrontScript } from '../../../examples/shoper-app/scripts/build-storefront-script.mjs';

/** What the script may weigh on every basket page, compressed (it is 2.4 kB at the time of writing). */
const GZIP_BUDGET = 3_000;

describe('the Shoper storefront script, built', () => {
  let script = '';
  beforeAll(async () => {
    script = await buildStorefrontScript();
  });

  it(`stays within ${GZIP_BUDGET} bytes gzip`, () => {
    expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it('is one classic script (an IIFE, no import or export), so document.currentScript gives its settings', () => {
    expect(script.startsWith('(()=>{')).toBe(true);
    expect(script).not.toMatch(/\bimport\s*[({"']|\bexport\s/);
    expect(script).toContain('currentScript');
  });

  it('carries neither zod, nor the server-side parser, nor the test stand-in', () => {
    for (const absent of ['zod', 'ZodError', 'cart_not_found', 'Unknown API', 'grossValueFormatted']) {
      expect(script).not.toContain(absent);
    }
    expect(script).toContain('shoper1.');
    expect(script).toContain('/api/checkouts');
  });

  it('neither logs nor throws on its own: no console calls in it', () => {
    expect(script).not.toMatch(/console\./);
  });
});
