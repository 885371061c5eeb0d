import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopifyCheckoutId } from './shopify-checkout-id.ts';
import { ID_PATTERN } from './visitor.ts';

describe('shopifyCheckoutId', () => {
  it("is shp_ and 22 characters of the token's salted SHA-256, the same every time", async () => {
    const expected = createHash('sha256')
      .update('kasa-shopify-checkout:a1b2c3d4')
      .digest('base64url')
      .slice(0, 22);
    expect(await shopifyCheckoutId('a1b2c3d4')).toBe(`shp_${expected}`);
    expect(await shopifyCheckoutId('a1b2c3d4')).toBe(await shopifyCheckoutId('a1b2c3d4'));
  });

  it('is a Kasa id that neither contains the token nor repeats for another token', async () => {
    const id = await shopifyCheckoutId('tok-secret-9');
    expect(ID_PATTERN.test(id)).toBe(true);
    expect(id).not.toContain('secret');
    expect(await shopifyCheckoutId('tok-secret-8')).not.toBe(id);
  });
});
