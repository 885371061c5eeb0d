import { money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderBankPage } from './bank-page.ts';

const page = (overrides = {}) =>
  renderBankPage({
    providerRef: 'SBX123',
    amount: money(12_300),
    returnUrl: 'https://shop.example/return',
    ...overrides,
  });

describe('renderBankPage', () => {
  it('is a Polish page clearly labelled as the Kasa sandbox bank, with the two decisions', () => {
    const html = page();
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Bank testowy Kasa (sandbox)');
    expect(html).toContain('żadne pieniądze nie zostaną pobrane');
    expect(html).toMatch(/<button type="submit" name="decision" value="approve"[^>]*>Zapłać<\/button>/);
    expect(html).toMatch(
      /<button type="submit" name="decision" value="reject"[^>]*>Odrzuć płatność<\/button>/,
    );
    expect(html).toContain('123,00\u00a0zł');
    expect(html).toContain('<a href="https://shop.example/return">');
  });

  it('escapes every value it prints', () => {
    const html = page({
      providerRef: '<script>alert(1)</script>',
      returnUrl: 'https://shop.example/return?a=1&b="><img src=x onerror=alert(1)>',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      'href="https://shop.example/return?a=1&amp;b=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"',
    );
  });

  it('does not link a return URL that is not http(s)', () => {
    expect(page({ returnUrl: 'javascript:alert(1)' })).not.toContain('javascript:');
  });

  it('posts to its own URL unless told otherwise, and refuses a script URL as the action', () => {
    expect(page()).toContain('<form method="post" aria-describedby');
    expect(page({ action: '/sandbox/bank/SBX123' })).toContain('action="/sandbox/bank/SBX123"');
    expect(() => page({ action: 'javascript:alert(1)' })).toThrow(RangeError);
    expect(() => page({ action: '//evil.example/' })).toThrow(RangeError);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
