import { describe, expect, it } from 'vitest';
import { shopOriginsLine } from './origins.ts';

describe('the shop origins line of kasa start', () => {
  it('names every origin whose pages may call the API, and the setting that lists them', () => {
    expect(shopOriginsLine(['https://sklep.pl', 'http://localhost:3001'])).toBe(
      '  Shop origins   https://sklep.pl, http://localhost:3001 (allowedOrigins, env KASA_ALLOWED_ORIGINS)',
    );
  });

  it("says what to add when there is none: a shop page's widget could only fail", () => {
    const line = shopOriginsLine([]);
    expect(line).toMatch(/^ {2}Shop origins {3}none/);
    expect(line).toContain('allowedOrigins');
    expect(line).toContain('KASA_ALLOWED_ORIGINS');
  });
});
