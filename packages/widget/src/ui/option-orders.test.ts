import type { CheckoutView } from '@kasa/core';
import { renderToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig, WidgetEvent } from '../controller/types.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { makeView } from '../testing/view.ts';
import { App } from './App.tsx';
import { deliveryOrder } from './Delivery.tsx';
import { provideRare } from './later.ts';
import { paymentOrder } from './Payment.tsx';
import * as rare from './rare.tsx';

// As the server renderer does: every view at hand. Runs in plain Node, as the server renders.
provideRare(rare);

const base: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

// The shop lists the store pickup, then the locker, then the courier: neither order is the shop's.
const shopFirst = makeView();
const [courier, locker, store] = shopFirst.shippingOptions;
const view = makeView({ shippingOptions: [store, locker, courier].filter((o) => o !== undefined) });

/** The server-rendered first view for a config. */
const firstView = (config: Partial<WidgetConfig>, checkout: CheckoutView = view) => {
  const cfg = { ...base, ...config };
  const controller = createController({ state: initialState(checkout, cfg), config: cfg, ssr: true });
  return renderToString(createElement(App, { controller }));
};

/** The radios of a group in the order the HTML lists them, the checked one marked with `*`. */
const radios = (html: string, name: string) =>
  [...html.matchAll(/<input[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => tag.includes(`name="${name}"`))
    .map((tag) => `${/value="([^"]*)"/.exec(tag)?.[1]}${/\schecked/.test(tag) ? '*' : ''}`);

describe('where BLIK stands', () => {
  const methods = view.paymentMethods;

  it('is first and chosen by default, the other methods in the provider order', () => {
    expect(paymentOrder(methods, undefined).map((m) => m.id)).toEqual(['blik', 'pbl', 'card', 'cod']);
    expect(paymentOrder(methods, 'blik-first').map((m) => m.id)).toEqual(['blik', 'pbl', 'card', 'cod']);
    expect(radios(firstView({}), 'paymentMethod')).toEqual(['blik*', 'pbl', 'card', 'cod']);
  });

  it("is where the provider put it among the others, and not chosen, with 'blik-among-others'", () => {
    expect(paymentOrder(methods, 'blik-among-others').map((m) => m.id)).toEqual([
      'pbl',
      'blik',
      'card',
      'cod',
    ]);
    expect(radios(firstView({ paymentOrder: 'blik-among-others' }), 'paymentMethod')).toEqual([
      'pbl',
      'blik',
      'card',
      'cod',
    ]);
  });

  it("moves BLIK behind the first other method when the provider lists it first, with 'blik-among-others'", () => {
    const blikLed = [...methods].sort((a, b) => Number(b.kind === 'blik') - Number(a.kind === 'blik'));
    expect(blikLed[0]?.kind).toBe('blik');
    expect(paymentOrder(blikLed, 'blik-among-others').map((m) => m.id)).toEqual([
      'pbl',
      'blik',
      'card',
      'cod',
    ]);
  });

  it("keeps the shopper's (or the checkout's) own choice with 'blik-among-others'", () => {
    const chosen = makeView({ paymentMethodId: 'blik' });
    expect(radios(firstView({ paymentOrder: 'blik-among-others' }, chosen), 'paymentMethod')).toEqual([
      'pbl',
      'blik*',
      'card',
      'cod',
    ]);
  });
});

describe('which delivery comes first', () => {
  it('is the InPost locker by default, then the shop order', () => {
    expect(deliveryOrder(view.shippingOptions, undefined).map((o) => o.id)).toEqual([
      'inpost-locker',
      'store',
      'dpd',
    ]);
    expect(radios(firstView({ deliveryOrder: 'locker-first' }), 'shippingOption')).toEqual([
      'inpost-locker',
      'store',
      'dpd',
    ]);
  });

  it("is the courier with 'courier-first', then the shop order", () => {
    expect(deliveryOrder(view.shippingOptions, 'courier-first').map((o) => o.id)).toEqual([
      'dpd',
      'store',
      'inpost-locker',
    ]);
    expect(radios(firstView({ deliveryOrder: 'courier-first' }), 'shippingOption')).toEqual([
      'dpd',
      'store',
      'inpost-locker',
    ]);
  });
});

describe('the experiments a checkout is enrolled in', () => {
  it('each report an exposure, and every event carries all the arms', () => {
    const experiments = { 'blik-test': 'blik-among-others', dostawa: 'courier-first' };
    const config = {
      ...base,
      paymentOrder: 'blik-among-others',
      deliveryOrder: 'courier-first',
      experiments,
    } as const;
    const api = fakeApi(view, () => Date.now());
    const seen: { event: WidgetEvent; experiments: Readonly<Record<string, string>> }[] = [];
    const controller = createController({
      state: initialState(api.view, config),
      config,
      fetch: api.fetch,
      eventSource: null,
      onEvent: (event, context) => seen.push({ event, experiments: context.experiments }),
    });
    try {
      expect(
        seen.filter(({ event }) => event.name === 'experiment_exposure').map(({ event }) => event.params),
      ).toEqual([
        { experiment: 'blik-test', variation: 'blik-among-others' },
        { experiment: 'dostawa', variation: 'courier-first' },
      ]);
      expect(seen.length).toBeGreaterThan(2);
      for (const { experiments: carried } of seen) expect(carried).toEqual(experiments);
    } finally {
      controller.dispose();
    }
  });

  it('report no exposure when there are none', () => {
    const seen: WidgetEvent[] = [];
    const api = fakeApi(view, () => Date.now());
    const controller = createController({
      state: initialState(api.view, base),
      config: base,
      fetch: api.fetch,
      eventSource: null,
      onEvent: (event) => seen.push(event),
    });
    controller.dispose();
    expect(seen.some((event) => event.name === 'begin_checkout')).toBe(true);
    expect(seen.some((event) => event.name === 'experiment_exposure')).toBe(false);
  });
});
