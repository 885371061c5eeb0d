import { createSandboxAdapter, type SandboxAdapter } from '@kasa/adapter-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoShop } from './app.ts';

let sandbox: SandboxAdapter;
beforeEach(() => {
  sandbox = createSandboxAdapter({ filename: ':memory:' });
});
afterEach(() => sandbox.close());

/** A stand-in for the Kasa server: records calls and answers like the checkout API. */
function fakeKasa(existing: string[] = [], statuses: Record<string, string> = {}) {
  const calls: string[] = [];
  const authorizations: (string | null)[] = [];
  const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
    const { pathname, searchParams } = new URL(String(url));
    calls.push(`${init?.method ?? 'GET'} ${pathname}`);
    authorizations.push(new Headers(init?.headers).get('authorization'));
    if (init?.method === 'POST' && pathname === '/api/checkouts') {
      const { cartRef } = JSON.parse(String(init.body)) as { cartRef: string };
      return cartRef.startsWith('cart_')
        ? Response.json({ id: 'chk_new' }, { status: 201 })
        : new Response('', { status: 404 });
    }
    const fragment = /^\/api\/checkouts\/([^/]+)\/fragment$/.exec(pathname);
    if (fragment) {
      return new Response(
        `<kasa-checkout checkout="${fragment[1]}" layout="${searchParams.get('layout')}" data-visitor="${searchParams.get('visitor')}" data-nonce="${searchParams.get('nonce')}"></kasa-checkout>`,
      );
    }
    const cart = /^\/api\/checkouts\/([^/]+)\/cart$/.exec(pathname);
    if (cart && init?.method === 'PUT')
      return new Response('{}', { status: existing.includes(cart[1] ?? '') ? 200 : 404 });
    const read = /^\/api\/checkouts\/([^/]+)$/.exec(pathname);
    if (read)
      return existing.includes(read[1] ?? '')
        ? Response.json({ id: read[1], status: statuses[read[1] ?? ''] ?? 'open' })
        : new Response('', { status: 404 });
    return new Response('', { status: 404 });
  }) as typeof fetch;
  return { calls, authorizations, fetcher };
}

describe('GET /kasa', () => {
  it('starts a Kasa checkout on the server and embeds the rendered widget with the page nonce', async () => {
    const kasa = fakeKasa();
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test/', fetch: kasa.fetcher });
    const ref = await sandbox.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]);
    const res = await app.request(`/kasa?cart=${encodeURIComponent(ref)}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(page).toContain(
      `<kasa-checkout checkout="chk_new" layout="null" data-visitor="null" data-nonce="${nonce}">`,
    );
    expect(csp).toContain("script-src 'nonce-");
    expect(csp).toContain(' http://kasa.test');
    expect(csp).toContain('connect-src http://kasa.test');
    expect(csp).not.toContain('unsafe-inline');
    expect(kasa.calls).toEqual(['POST /api/checkouts', 'GET /api/checkouts/chk_new/fragment']);
  });

  it('resumes the checkout remembered for this cart after a reload', async () => {
    const kasa = fakeKasa(['chk_old']);
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: kasa.fetcher });
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const res = await app.request(`/kasa?cart=${ref}&layout=multi-step`, {
      headers: { cookie: `demo_checkout=${ref}|chk_old` },
    });
    expect(await res.text()).toContain('checkout="chk_old" layout="multi-step" data-visitor="null"');
    expect(kasa.calls).toEqual(['GET /api/checkouts/chk_old', 'GET /api/checkouts/chk_old/fragment']);
  });

  it("passes the tracker's visitor cookie to Kasa for the layout experiment, and never a malformed one", async () => {
    const kasa = fakeKasa();
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: kasa.fetcher });
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const open = async (visitor: string) =>
      (await app.request(`/kasa?cart=${ref}`, { headers: { cookie: `kasa_vid=${visitor}` } })).text();
    expect(await open('0190d6c4-aaaa-4bbb-8ccc-000000000001')).toContain(
      'data-visitor="0190d6c4-aaaa-4bbb-8ccc-000000000001"',
    );
    expect(await open('a%40b.pl')).toContain('data-visitor="null"');
  });

  it('calls Kasa with the shop key when it has one, and with no credentials otherwise', async () => {
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const keyed = fakeKasa();
    const shop = { store: sandbox, kasaUrl: 'http://kasa.test' };
    await createDemoShop({ ...shop, fetch: keyed.fetcher, kasaKey: 'secret-key' }).request(
      `/kasa?cart=${ref}`,
    );
    expect(keyed.authorizations).toEqual(['Bearer secret-key', 'Bearer secret-key']);
    const plain = fakeKasa();
    await createDemoShop({ ...shop, fetch: plain.fetcher }).request(`/kasa?cart=${ref}`);
    expect(plain.authorizations).toEqual([null, null]);
  });

  it("names the checkout's layout in Polish, the forced one and the one Kasa's experiment chose", async () => {
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: fakeKasa().fetcher });
    const ref = await sandbox.createCart([{ productId: 'krowki-250', quantity: 1 }]);
    const note = async (query: string) => {
      const page = await (await app.request(`/kasa?cart=${ref}${query}`)).text();
      return (/<p class="hint">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '').replace(/<[^>]+>/g, '');
    };
    expect(await note('&layout=multi-step')).toMatch(/^Układ kasy: kroki \(podgląd\)\./);
    expect(await note('&layout=one-page')).toMatch(/^Układ kasy: jedna strona \(podgląd\)\./);
    // The fake answers layout="null" when none is forced: the note then names no layout.
    expect(await note('')).toMatch(/^Układ kasy: wybrany przez test A\/B\./);
    for (const query of ['&layout=multi-step', '&layout=one-page', ''])
      expect(await note(query)).not.toMatch(/one-page|multi-step/);

    const { fetcher } = fakeKasa();
    const chosen = (async (url: string | URL | Request, init?: RequestInit) => {
      const answer = await fetcher(url, init);
      if (!String(url).includes('/fragment')) return answer;
      return new Response((await answer.text()).replace('layout="null"', 'layout="multi-step"'));
    }) as typeof fetch;
    const experiment = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: chosen });
    const page = await (await experiment.request(`/kasa?cart=${ref}`)).text();
    expect(page).toContain('Układ kasy: kroki (wybrany przez test A/B).');
  });

  it('shows a friendly Polish message with a link back for an unknown cart', async () => {
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: fakeKasa().fetcher });
    const res = await app.request('/kasa?cart=cart_nope');
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('Nie znaleźliśmy Twojego koszyka');
    expect(page).toContain('href="/"');
  });
});

describe('the cart page', () => {
  const cartOf = (lines: string) => ({ Cookie: `demo_cart=${encodeURIComponent(lines)}` });

  it('makes a new platform cart when the remembered one is gone, and checks out with it', async () => {
    const kasa = fakeKasa();
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: kasa.fetcher });
    const first = await app.request('/', { headers: cartOf('kubek-350:1') });
    const remembered = /demo_checkout=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const [, id = '', key = ''] = decodeURIComponent(remembered).split('|');
    const stale = encodeURIComponent(`cart_gone|${id}|${key}`);
    const checkout = await app.request('/checkout', {
      method: 'POST',
      headers: { Cookie: `demo_cart=${encodeURIComponent('kubek-350:1')}; demo_checkout=${stale}` },
    });
    const location = checkout.headers.get('location') ?? '';
    expect(location).toMatch(/^\/kasa\?cart=cart_/);
    expect(location).not.toContain('cart_gone');
    const made = await sandbox.getCart(decodeURIComponent(location.split('=')[1] ?? ''));
    expect(made.lines.map((line) => [line.productId, line.quantity])).toEqual([['kubek-350', 1]]);
  });

  it("starts the cart's Kasa checkout and queues view_cart for Kasa's tracker, under the page's CSP", async () => {
    const kasa = fakeKasa();
    const app = createDemoShop({
      store: sandbox,
      kasaUrl: 'http://kasa.test',
      fetch: kasa.fetcher,
      kasaShopId: 'palarnia',
    });
    const res = await app.request('/', { headers: cartOf('kubek-350:2') });
    const page = await res.text();
    expect(kasa.calls).toEqual(['POST /api/checkouts']);
    const queued = /\.push\((\{.*?\})\);<\/script>/.exec(page)?.[1] ?? '';
    expect(JSON.parse(queued)).toEqual({
      shopId: 'palarnia',
      checkoutId: 'chk_new',
      event: {
        name: 'view_cart',
        params: { value: 7800, currency: 'PLN', items: [{ item_id: 'kubek-350', quantity: 2, price: 3900 }] },
      },
    });
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(page).toContain(
      `<script type="module" src="http://kasa.test/widget/kasa-tracker.js" nonce="${nonce}" async>`,
    );
    expect(res.headers.get('content-security-policy')).toContain('connect-src http://kasa.test');
    expect(res.headers.get('set-cookie')).toMatch(/demo_checkout=cart_[\w-]+%7Cchk_new%7C[\w-]{16}/);
  });

  it('hands a changed cart to the same checkout, and checks out with the platform cart it made', async () => {
    const kasa = fakeKasa(['chk_new']);
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: kasa.fetcher });
    const first = await app.request('/', { headers: cartOf('kubek-350:1') });
    const remembered = /demo_checkout=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const changed = await app.request('/', {
      headers: { Cookie: `demo_cart=${encodeURIComponent('kubek-350:3')}; demo_checkout=${remembered}` },
    });
    expect(kasa.calls).toEqual([
      'POST /api/checkouts',
      // Is the remembered checkout paid (its cart bought)? No: the changed cart goes to it.
      'GET /api/checkouts/chk_new',
      'PUT /api/checkouts/chk_new/cart',
    ]);
    const now = /demo_checkout=([^;]+)/.exec(changed.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const [ref, checkoutId] = decodeURIComponent(now).split('|');
    expect(checkoutId).toBe('chk_new');
    expect((await sandbox.getCart(ref ?? '')).lines[0]?.quantity).toBe(3);

    const checkout = await app.request('/checkout', {
      method: 'POST',
      headers: { Cookie: `demo_cart=${encodeURIComponent('kubek-350:3')}; demo_checkout=${now}` },
    });
    expect(checkout.headers.get('location')).toBe(`/kasa?cart=${encodeURIComponent(ref ?? '')}`);
  });

  it('empties the cart once its checkout is paid, so the next visit starts a new cart', async () => {
    const statuses: Record<string, string> = {};
    const kasa = fakeKasa(['chk_new'], statuses);
    const app = createDemoShop({ store: sandbox, kasaUrl: 'http://kasa.test', fetch: kasa.fetcher });
    const first = await app.request('/', { headers: cartOf('kubek-350:1') });
    const remembered = /demo_checkout=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const cookies = { Cookie: `demo_cart=${encodeURIComponent('kubek-350:1')}; demo_checkout=${remembered}` };

    const unpaid = await app.request('/', { headers: cookies });
    expect(await unpaid.text()).not.toContain('Twój koszyk jest pusty.');

    for (const status of ['paid', 'cash_on_delivery']) {
      statuses.chk_new = status;
      const after = await app.request('/', { headers: cookies });
      const page = await after.text();
      expect(page).toContain('Dziękujemy za zamówienie');
      expect(page).toContain('Twój koszyk jest pusty.');
      const set = after.headers.get('set-cookie') ?? '';
      expect(set).toMatch(/demo_cart=;[^,]*Max-Age=0/);
      expect(set).toMatch(/demo_checkout=;[^,]*Max-Age=0/);
    }

    // Adding a product after the purchase starts from an empty cart, not from the bought one.
    const added = await app.request('/cart', {
      method: 'POST',
      headers: { ...cookies, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ productId: 'krowki-250', quantity: '1' }).toString(),
    });
    expect(added.headers.get('set-cookie')).toContain('demo_cart=krowki-250%3A1;');
    // And the checkout button on a stale page finds the cart empty.
    const checkout = await app.request('/checkout', { method: 'POST', headers: cookies });
    expect(checkout.headers.get('location')).toBe('/?komunikat=pusty#koszyk');
  });
});
