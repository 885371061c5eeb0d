import { createSandboxAdapter, type SandboxAdapter } from '@kasa/adapter-sandbox';
import { formatMoney, money } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoShop } from './app.ts';
import { CHECKOUT_SCRIPT } from './checkout-page.ts';

let sandbox: SandboxAdapter;
beforeEach(() => {
  sandbox = createSandboxAdapter({ filename: ':memory:' });
});
afterEach(() => sandbox.close());

describe('GET /kasa', () => {
  it('renders the checkout page with the cart summary, the kasaUrl and a CSP for the API origin', async () => {
    const app = createDemoShop({ sandbox, kasaUrl: 'http://localhost:3000/' });
    const ref = await sandbox.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]);
    const res = await app.request(`/kasa?cart=${encodeURIComponent(ref)}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('data-kasa-url="http://localhost:3000"');
    expect(page).toContain(`data-cart-ref="${ref}"`);
    expect(page).toContain('Kawa ziarnista Etiopia Yirgacheffe 250 g');
    expect(page).toContain(formatMoney(money(9980)));
    expect(page).toContain('Kupuję i płacę');

    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('connect-src http://localhost:3000');
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('escapes the kasaUrl', async () => {
    const kasaUrl = 'http://kasa.test/x"><script>alert(1)</script>';
    const app = createDemoShop({ sandbox, kasaUrl });
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const page = await (await app.request(`/kasa?cart=${ref}`)).text();
    expect(page).toContain(
      'data-kasa-url="http://kasa.test/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
    );
    expect(page).not.toContain('<script>alert(1)');
  });

  it('refuses a kasaUrl that is not http(s)', () => {
    expect(() => createDemoShop({ sandbox, kasaUrl: 'javascript:alert(1)' })).toThrow(TypeError);
    expect(() => createDemoShop({ sandbox, kasaUrl: 'localhost:3000' })).toThrow(TypeError);
  });

  it.each(['/kasa?cart=cart_unknown', '/kasa', '/kasa?cart=%3Cb%3E'])(
    'shows a friendly Polish message with a link back for %s',
    async (path) => {
      const app = createDemoShop({ sandbox, kasaUrl: 'http://localhost:3000' });
      const res = await app.request(path);
      expect(res.status).toBe(404);
      const page = await res.text();
      expect(page).toContain('Nie znaleźliśmy Twojego koszyka');
      expect(page).toContain('<a class="button" href="/">Wróć do sklepu</a>');
      expect(page).not.toContain('<b>');
    },
  );

  it('answers an unknown page in Polish', async () => {
    const app = createDemoShop({ sandbox, kasaUrl: 'http://localhost:3000' });
    const res = await app.request('/nie-ma');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Nie znaleziono strony');
  });
});

describe('the checkout script', () => {
  it('parses, never closes its script tag and uses no eval or innerHTML', () => {
    expect(() => new Function(CHECKOUT_SCRIPT)).not.toThrow();
    expect(CHECKOUT_SCRIPT).not.toMatch(
      /<\/script|innerHTML|outerHTML|insertAdjacentHTML|eval\(|new Function/i,
    );
  });

  it('keeps the BLIK field plain: numeric keyboard, no autocomplete, placeholder or autofocus', async () => {
    const app = createDemoShop({ sandbox, kasaUrl: 'http://localhost:3000' });
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const page = await (await app.request(`/kasa?cart=${ref}`)).text();
    const input = /<input id="f-blikCode"[^>]*>/.exec(page)?.[0] ?? '';
    expect(input).toContain('inputmode="numeric"');
    expect(input).toContain('autocomplete="off"');
    expect(input).not.toMatch(/placeholder|autofocus/);
    expect(page).toContain('<label for="f-blikCode">Kod BLIK</label>');
  });
});
