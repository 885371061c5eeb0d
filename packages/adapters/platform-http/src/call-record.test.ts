import { describe, expect, it } from 'vitest';
import { pathWithoutQuery } from './call-record.ts';

describe('pathWithoutQuery', () => {
  it('keeps the path and drops the query and fragment, which may hold e-mails or OAuth parameters', () => {
    expect(pathWithoutQuery('https://shop.pl/wp-json/wc/v3/orders?search=jan@example.pl')).toBe(
      '/wp-json/wc/v3/orders',
    );
    expect(pathWithoutQuery('/orders/7?oauth_signature=abc#x')).toBe('/orders/7');
    expect(pathWithoutQuery('/cart')).toBe('/cart');
    expect(pathWithoutQuery('http://user:pass@shop.pl:8080/api/')).toBe('/api/');
  });
});
