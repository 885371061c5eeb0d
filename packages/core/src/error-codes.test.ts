import { describe, expect, it } from 'vitest';
import { isErrorCode } from './error-codes.ts';
import { shopperMessagesPl } from './error-messages.ts';
import { errorCatalog } from './errors.ts';

describe('isErrorCode', () => {
  it('knows every code of the catalogue, the same codes the shopper texts have', () => {
    const codes = Object.keys(errorCatalog);
    expect(codes.filter((code) => !isErrorCode(code))).toEqual([]);
    expect(Object.keys(shopperMessagesPl).sort()).toEqual([...codes].sort());
  });

  it('refuses other strings, including what every object inherits', () => {
    for (const value of ['', 'Required', 'payment_declined', 'toString', 'constructor', '__proto__'])
      expect(isErrorCode(value)).toBe(false);
  });
});
