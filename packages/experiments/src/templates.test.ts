import { describe, expect, it } from 'vitest';
import { EXPERIMENT_TEMPLATES, TEMPLATE_KEYS, templateOf } from './templates.ts';

describe('templateOf', () => {
  it('recognises each template by its variations, whatever the key', () => {
    for (const key of TEMPLATE_KEYS) {
      expect(templateOf({ variations: [...EXPERIMENT_TEMPLATES[key]] })).toBe(key);
    }
  });

  it('answers null for variations in another order, of another count or hand-written', () => {
    expect(templateOf({ variations: ['multi-step', 'one-page'] })).toBeNull();
    expect(templateOf({ variations: ['one-page', 'multi-step', 'two-page'] })).toBeNull();
    expect(templateOf({ variations: ['a', 'b'] })).toBeNull();
  });

  it("puts the control first: one-page, BLIK first, locker first, Shopify's own checkout", () => {
    expect(TEMPLATE_KEYS.map((key) => EXPERIMENT_TEMPLATES[key][0])).toEqual([
      'one-page',
      'blik-first',
      'locker-first',
      'shopify-checkout',
    ]);
  });

  it("recognises Kasa's step against going straight to Shopify's checkout", () => {
    expect(templateOf({ variations: ['shopify-checkout', 'kasa-step'] })).toBe('shopify-step');
    expect(templateOf({ variations: ['kasa-step', 'shopify-checkout'] })).toBeNull();
  });
});
