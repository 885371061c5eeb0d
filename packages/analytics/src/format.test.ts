import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, polishPlural, roughly } from './format.ts';

describe('format', () => {
  it('groups thousands with a no-break space in Polish and a comma in English', () => {
    expect(formatCount(3400, 'pl')).toBe('3\u00a0400');
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(999, 'pl')).toBe('999');
  });

  it('rounds "about N" to two significant digits', () => {
    expect([roughly(3412), roughly(21_712), roughly(87), roughly(150), roughly(0)]).toEqual([
      3400, 22_000, 87, 150, 0,
    ]);
  });

  it('never rounds a percentage up', () => {
    expect(formatPercent(0.9749)).toBe('97%');
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(0.97)).toBe('97%');
  });

  it('picks the Polish plural', () => {
    const forms = ['checkout', 'checkouty', 'checkoutów'] as const;
    expect([1, 2, 4, 5, 12, 22, 25, 3400].map((n) => polishPlural(n, forms))).toEqual([
      'checkout',
      'checkouty',
      'checkouty',
      'checkoutów',
      'checkoutów',
      'checkouty',
      'checkoutów',
      'checkoutów',
    ]);
  });
});
