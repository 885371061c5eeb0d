import { gunzipSync } from 'node:zlib';
import { createSandboxAdapter, type SandboxAdapter } from '@kasa/adapter-sandbox';
import { formatMoney, money } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoShop } from './app.ts';
import { escapeHtml } from './html.ts';

let sandbox: SandboxAdapter;
let app: ReturnType<typeof createDemoShop>;

beforeEach(() => {
  sandbox = createSandboxAdapter({ filename: ':memory:' });
  // Kasa is down for these tests: the shop itself must work without it.
  const down = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  app = createDemoShop({ store: sandbox, kasaUrl: 'http://localhost:3000', fetch: down });
});
afterEach(() => sandbox.close());

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

/** The `name=value` of the cart cookie a response sets. */
function cartCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /demo_cart=[^;]*/.exec(header);
  if (!match) throw new Error(`no demo_cart cookie in '${header}'`);
  return match[0];
}

describe('GET /', () => {
  it('renders every catalogue product with its formatted price, VAT and an add-to-cart form', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<html lang="pl">');
    expect(page).toContain('<main id="main"');
    for (const product of sandbox.listProducts()) {
      expect(page).toContain(escapeHtml(product.name));
      expect(page).toContain(formatMoney(product.unitPrice));
      expect(page).toContain(`name="productId" value="${product.id}"`);
    }
    expect(page).toContain('w tym VAT');
    expect(page.match(/Dodaj do koszyka/g)).toHaveLength(sandbox.listProducts().length);
    expect(page).toContain('Twój koszyk jest pusty.');
  });

  it("sends a nonce-based CSP that allows only its own nonce'd scripts on the shop page", async () => {
    const res = await app.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('connect-src');
    expect(await res.text()).toContain(`<style nonce="${nonce}">`);
  });

  it('sends the page gzipped to a browser that accepts gzip, and plain to one that does not', async () => {
    const plain = await app.request('/');
    const zipped = await app.request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const page = gunzipSync(bytes).toString('utf8');
    expect(page).toContain('<main id="main"');
    expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 2);
  });

  it('answers /health', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('the cart cookie', () => {
  it('adding to the cart sets an httpOnly, SameSite=Lax cookie and the page shows the subtotal', async () => {
    const res = await app.request('/cart', form({ productId: 'kubek-350', quantity: '2' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?dodano=kubek-350#koszyk');
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);

    const again = await app.request('/cart', form({ productId: 'kubek-350' }, { Cookie: cartCookie(res) }));
    const page = await (
      await app.request('/?dodano=kubek-350', { headers: { Cookie: cartCookie(again) } })
    ).text();
    expect(page).toContain('Dodano do koszyka: Kubek ceramiczny 350 ml.');
    expect(page).toContain(`<dd class="total" id="subtotal">${formatMoney(money(3 * 3900))}</dd>`);
    expect(page).toContain('value="3"');
    expect(page).toContain('Przejdź do kasy');
    expect(page).toContain('Usuń z koszyka: Kubek ceramiczny 350 ml');
  });

  it('shows the cart without Kasa tracking when Kasa cannot be reached', async () => {
    const add = await app.request('/cart', form({ productId: 'kubek-350', quantity: '1' }));
    const res = await app.request('/', { headers: { Cookie: cartCookie(add) } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Przejdź do kasy');
    expect(page).not.toContain('kasa-tracker.js');
  });

  it('updates and removes lines', async () => {
    const add = await app.request('/cart', form({ productId: 'krowki-250', quantity: '1' }));
    const update = await app.request(
      '/cart/update',
      form({ productId: 'krowki-250', quantity: '4' }, { Cookie: cartCookie(add) }),
    );
    expect(cartCookie(update)).toBe(`demo_cart=${encodeURIComponent('krowki-250:4')}`);
    const remove = await app.request(
      '/cart/update',
      form({ productId: 'krowki-250', quantity: '0' }, { Cookie: cartCookie(update) }),
    );
    expect(remove.headers.get('set-cookie')).toMatch(/demo_cart=;.*Max-Age=0/);
  });

  it('refuses an unknown product or a bad quantity with a message, not a crash', async () => {
    for (const fields of [
      { productId: 'nope', quantity: '1' },
      { productId: 'kubek-350', quantity: '500' },
    ]) {
      const res = await app.request('/cart', form(fields));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/?komunikat=produkt#koszyk');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it.each([
    'kubek-350:abc',
    'kubek-350:0',
    'kubek-350:2,kubek-350:3',
    'hacked-product:1',
    '%E0%A4%A',
    `kubek-350:1${',x:1'.repeat(2000)}`,
    '<script>:1',
  ])('ignores a tampered cookie %#', async (value) => {
    const res = await app.request('/', { headers: { Cookie: `demo_cart=${value}` } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Twój koszyk jest pusty.');
    expect(page).not.toContain('<script>');
  });

  it('refuses a cross-site form post', async () => {
    const res = await app.request(
      '/cart',
      form({ productId: 'kubek-350' }, { Origin: 'https://evil.example', Host: 'localhost' }),
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Odmowa dostępu');
  });
});

describe('POST /checkout', () => {
  it('creates a sandbox cart and redirects to /kasa?cart=cart_…', async () => {
    const add = await app.request('/cart', form({ productId: 'drip-v60', quantity: '1' }));
    const res = await app.request('/checkout', form({}, { Cookie: cartCookie(add) }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/kasa\?cart=cart_[\w-]+$/);
    const ref = decodeURIComponent(location.split('=')[1] ?? '');
    const cart = await sandbox.getCart(ref);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([['drip-v60', 1]]);
  });

  it('sends an empty cart back to the shop with a message', async () => {
    const res = await app.request('/checkout', form({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?komunikat=pusty#koszyk');
    const page = await (await app.request('/?komunikat=pusty')).text();
    expect(page).toContain('Twój koszyk jest pusty. Dodaj produkty');
  });
});
