import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryParams } from './query-params.ts';

describe('queryParams', () => {
  it('reads each parameter of the query, decoded as a form sends it', () => {
    expect(queryParams('/pickup-points?q=Krak%C3%B3w+Rynek&limit=5&lang=en')).toEqual({
      q: 'Kraków Rynek',
      limit: '5',
      lang: 'en',
    });
  });

  it('keeps the first value of a repeated name, a bare name as empty, and leaves out empty names', () => {
    expect(queryParams('/x?postcode=30-001&postcode=00-950&flag&=orphan&&')).toEqual({
      postcode: '30-001',
      flag: '',
    });
  });

  it('keeps a malformed escape as written and ignores a fragment', () => {
    expect(queryParams('/x?q=100%25&bad=%E0%A4%A#part')).toEqual({ q: '100%', bad: '%E0%A4%A' });
  });

  it('answers an empty object without a query', () => {
    expect(queryParams('http://127.0.0.1/api/checkouts/c1')).toEqual({});
  });

  it('gives names an object inherits as parameters of their own, so a strict schema refuses them', () => {
    const schema = z.strictObject({ postcode: z.string().optional() });
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const params = queryParams(`/x?${name}=1`);
      expect(Object.hasOwn(params, name)).toBe(true);
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
      expect(schema.safeParse(params).success).toBe(false);
    }
  });
});
