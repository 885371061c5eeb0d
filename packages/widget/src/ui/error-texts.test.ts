// @vitest-environment happy-dom
/**
 * The Polish error texts are a chunk of their own (error-texts.ts). This file never provides them, as
 * the browser does not: each test sees them fetched, or not yet.
 */
import { shopperMessagesPl } from '@kasa/core';
import { cleanup, waitFor } from '@testing-library/preact';
import { renderToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig } from '../controller/types.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { renderCheckout } from '../testing/render-checkout.ts';
import { makeView } from '../testing/view.ts';
import { App } from './App.tsx';
import { polishErrorTexts, provideErrorTexts } from './error-texts.ts';
import { provideRare } from './later.ts';
import * as rare from './rare.tsx';

const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

/** Every text an element showed, from now on. */
function textsShownBy(element: () => Element | null): string[] {
  const shown: string[] = [];
  const record = () => shown.push(element()?.textContent ?? '');
  new MutationObserver(record).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  return shown;
}

describe('the Polish error texts, fetched once the form is in use', () => {
  it('shows an error the server answers before they are here once they are, never its code', async () => {
    expect(polishErrorTexts()).toBeUndefined();
    const controller = renderCheckout(config);
    const errorOf = () => document.querySelector('#kasa-pickupPoint-error');
    const shown = textsShownBy(errorOf);
    controller.chooseShipping('inpost-locker');
    controller.choosePoint('WAW999');
    await controller.idle();
    expect(controller.getState().errors.pickupPoint).toBe('pickup_point_not_found');
    const text = shopperMessagesPl.pickup_point_not_found;
    await waitFor(() => expect(errorOf()?.textContent).toBe(text));
    expect(polishErrorTexts()).toBe(shopperMessagesPl);
    // Blank while the texts came, then the text: the code itself never.
    expect(shown.filter((seen) => seen !== '' && seen !== text)).toEqual([]);
    expect(shown).toContain('');
    controller.dispose();
  });

  it('hydrates a first view that shows an error without redrawing it: the texts come before', async () => {
    const order = { id: 'ord_1', number: '1001', total: makeView().totals.total };
    const view = makeView({
      order,
      status: 'cancelled',
      payment: { id: 'pay_1', method: 'blik', status: 'cancelled', reason: 'payment_refunded' },
    });
    // The server's markup, rendered with every view and text at hand as the server renders it.
    provideRare(rare);
    provideErrorTexts(shopperMessagesPl);
    const html = renderToString(
      createElement(App, {
        controller: createController({ state: initialState(view, config), config, ssr: true }),
      }),
    );
    // The browser's widget: fresh modules, without the texts (nor the later views: mount fetches both).
    vi.resetModules();
    const { mount } = await import('../mount.ts');
    const { polishErrorTexts: browserTexts } = await import('./error-texts.ts');
    expect(browserTexts()).toBeUndefined();

    const host = document.createElement('kasa-checkout');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div id="kasa-root">${html}</div><script type="application/json" id="kasa-state">${JSON.stringify({ view, config })}</script>`;
    const root = shadow.getElementById('kasa-root');
    const shownBefore = root?.textContent;
    const notice = shadow.querySelector('.kasa-notice p');
    expect(notice?.textContent).toContain(shopperMessagesPl.payment_refunded);
    // Hydrating may split a text node the server wrote as one; it must add or remove no element.
    const elementsChanged: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of [...record.addedNodes, ...record.removedNodes])
          if (node.nodeType === Node.ELEMENT_NODE) elementsChanged.push(node);
    });
    observer.observe(shadow, { subtree: true, childList: true });

    const { controller } = await mount(host, { api: config.api, storage: null, fetch: fakeApi(view).fetch });
    await new Promise((settled) => setTimeout(settled, 50));
    observer.disconnect();
    expect(browserTexts()).toEqual(shopperMessagesPl);
    expect(elementsChanged).toEqual([]);
    expect(shadow.querySelector('.kasa-notice p')).toBe(notice);
    expect(root?.textContent).toBe(shownBefore);
    controller.dispose();
  });
});
