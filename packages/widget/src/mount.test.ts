// @vitest-environment happy-dom
import { renderToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createController } from './controller/controller.ts';
import { initialState } from './controller/state.ts';
import { cartKey, memoryStorage } from './controller/storage.ts';
import type { WidgetConfig, WidgetEvent } from './controller/types.ts';
import { mount } from './mount.ts';
import { fakeApi } from './testing/fake-api.ts';
import { makeView } from './testing/view.ts';
import { App } from './ui/App.tsx';

const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

afterEach(() => {
  document.body.innerHTML = '';
});

/** What the lead's server sends: the markup and the state inside a (declarative) shadow root. */
function serverRendered() {
  const view = makeView();
  const html = renderToString(
    createElement(App, {
      controller: createController({ state: initialState(view, config), config, ssr: true }),
    }),
  );
  const host = document.createElement('kasa-checkout');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<div id="kasa-root">${html}</div><script type="application/json" id="kasa-state">${JSON.stringify({ view, config })}</script>`;
  return { host, shadow, view };
}

describe('mount', () => {
  it('hydrates server-rendered markup without losing what was typed or where the focus is', async () => {
    const { host, shadow } = serverRendered();
    const email = shadow.querySelector<HTMLInputElement>('[name="email"]');
    const courier = shadow.querySelector<HTMLInputElement>('[name="shippingOption"][value="dpd"]');
    if (!email || !courier) throw new Error('markup missing');
    email.value = 'typed@example.pl';
    courier.checked = true;
    email.focus();
    const api = fakeApi();
    const { controller } = await mount(host, { api: config.api, storage: null, fetch: api.fetch });
    expect(shadow.querySelector('[name="email"]')).toBe(email);
    expect(email.value).toBe('typed@example.pl');
    expect(shadow.activeElement).toBe(email);
    expect(controller.getState()).toMatchObject({
      form: { email: 'typed@example.pl' },
      shippingOptionId: 'dpd',
    });
    // The courier choice made before the script arrived now shows the address fields.
    expect(shadow.querySelector('[name="address.city"]')).not.toBeNull();
    expect(api.calls).toHaveLength(0);
  });

  it('waits for the page to be parsed before it hydrates: the form keeps the main thread until then', async () => {
    const { host, shadow } = serverRendered();
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      const mounted = mount(host, { api: config.api, storage: null, fetch: fakeApi().fetch });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(host.hasAttribute('data-hydrated')).toBe(false);
      const email = shadow.querySelector<HTMLInputElement>('[name="email"]');
      if (email) email.value = 'typed@example.pl';
      document.dispatchEvent(new Event('DOMContentLoaded'));
      const { controller } = await mounted;
      expect(host.hasAttribute('data-hydrated')).toBe(true);
      expect(controller.getState().form.email).toBe('typed@example.pl');
    } finally {
      Reflect.deleteProperty(document, 'readyState');
    }
  });

  it('saves what was typed before the script arrived once it is complete', async () => {
    const { host, shadow } = serverRendered();
    const values = { email: 'zofia@example.pl', phone: '601234567', firstName: 'Zofia', lastName: 'Nowak' };
    for (const [name, value] of Object.entries(values)) {
      const input = shadow.querySelector<HTMLInputElement>(`[name="${name}"]`);
      if (input) input.value = value;
    }
    const api = fakeApi();
    const { controller } = await mount(host, { api: config.api, storage: null, fetch: api.fetch });
    await controller.ready;
    expect(api.callsTo('PUT', '/contact').map((c) => c.body)).toEqual([{ ...values, phone: '+48601234567' }]);
  });

  it('bare road: opens a shadow root, starts a checkout for the cart and remembers it for a reload', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const api = fakeApi();
    const storage = memoryStorage();
    await mount(host, {
      api: config.api,
      cart: 'cart-1',
      stylesheet: 'https://kasa.example/widget/kasa-checkout.abc123.css',
      storage,
      fetch: api.fetch,
    });
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/checkouts']);
    expect(api.calls[0]?.body).toEqual({ cartRef: 'cart-1', locale: 'pl' });
    expect(host.shadowRoot?.querySelector('[name="email"]')).not.toBeNull();
    expect(host.shadowRoot?.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe(
      'https://kasa.example/widget/kasa-checkout.abc123.css',
    );
    expect(storage.data.get(cartKey('cart-1'))).toBe('chk_test1');

    const again = document.createElement('div');
    document.body.append(again);
    await mount(again, { api: config.api, cart: 'cart-1', storage, fetch: api.fetch });
    expect(api.calls.at(-1)).toMatchObject({ method: 'GET', path: '/api/checkouts/chk_test1' });
  });

  it('shows the reason when the checkout cannot be loaded', async () => {
    const host = document.createElement('div');
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ error: { code: 'cart_empty' } }), { status: 422 }),
    );
    await expect(mount(host, { api: config.api, cart: 'x', storage: null, fetch })).rejects.toThrow();
    expect(host.shadowRoot?.querySelector('[role="alert"]')?.textContent).toBe('Twój koszyk jest pusty.');
  });

  it('reports abandonment when the page is hidden before the purchase', async () => {
    const { host } = serverRendered();
    const events: WidgetEvent[] = [];
    const { controller } = await mount(host, {
      api: config.api,
      storage: null,
      fetch: fakeApi().fetch,
      onEvent: (e) => events.push(e),
    });
    controller.setField('email', 'zofia@example.pl');
    controller.blurField('email');
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pagehide'));
    expect(events.filter((e) => e.name === 'checkout_abandon')).toEqual([
      { name: 'checkout_abandon', params: { section: 'contact', last_field: 'email' } },
    ]);
    controller.dispose();
  });
});
