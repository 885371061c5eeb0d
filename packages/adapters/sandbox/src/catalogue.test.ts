import { lineItemSchema } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { catalogue, findProduct } from './catalogue.ts';

describe('demo catalogue', () => {
  it('has about ten PLN products with unique ids and slugs', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(8);
    expect(new Set(catalogue.map((p) => p.id)).size).toBe(catalogue.length);
    expect(new Set(catalogue.map((p) => p.slug)).size).toBe(catalogue.length);
    for (const p of catalogue) {
      expect(p.unitPrice.currency).toBe('PLN');
      expect(Number.isSafeInteger(p.unitPrice.amount) && p.unitPrice.amount > 0).toBe(true);
    }
  });

  it('mixes VAT rates: a book at 5%, food at 8%, goods at 23%', () => {
    const rates = new Set(catalogue.map((p) => p.vatRate));
    expect(rates).toEqual(new Set([5, 8, 23]));
  });

  it('uses inline images only, short enough for a line item', () => {
    for (const p of catalogue) {
      if (p.imageUrl === undefined) continue;
      expect(p.imageUrl.startsWith('data:image/svg+xml,')).toBe(true);
      const line = { id: p.id, productId: p.id, name: p.name, quantity: 1 };
      const parsed = lineItemSchema.safeParse({
        ...line,
        unitPrice: p.unitPrice,
        total: p.unitPrice,
        vatRate: p.vatRate,
        imageUrl: p.imageUrl,
      });
      expect(parsed.success).toBe(true);
    }
  });

  it('finds a product by id and returns undefined for an unknown one', () => {
    expect(findProduct('kubek-350')?.name).toBe('Kubek ceramiczny 350 ml');
    expect(findProduct('nope')).toBeUndefined();
  });
});
