import { renderToString } from 'preact-render-to-string';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig } from '../controller/types.ts';
import { makeView, points } from '../testing/view.ts';
import { App } from './App.tsx';
import { provideRare } from './later.ts';
import * as rare from './rare.tsx';

// As the server renderer does: every view at hand.
provideRare(rare);

// This file runs in plain Node (no DOM), as the lead's server renderer does.
const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

const renderHtml = (view = makeView(), cfg = config) =>
  renderToString(
    createElement(App, {
      controller: createController({ state: initialState(view, cfg), config: cfg, ssr: true }),
    }),
  );

const input = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name.replace('.', '\\.')}"[^>]*>`).exec(html)?.[0] ?? '';

describe('server rendering', () => {
  it('renders the form with every field named by its path and BLIK preselected', () => {
    const html = renderHtml();
    for (const name of [
      'email',
      'phone',
      'firstName',
      'lastName',
      'invoice.wanted',
      'consents.marketingEmail',
      'blikCode',
    ]) {
      expect(input(html, name), name).not.toBe('');
    }
    expect(input(html, 'paymentMethod')).toContain('value="blik"');
    expect(input(html, 'paymentMethod')).toContain('checked');
    expect(html).toContain('Kupuję i płacę');
  });

  it('puts the values the checkout already has into the markup', () => {
    const html = renderHtml(
      makeView({
        contact: { email: 'zofia@example.pl', phone: '+48601234567', firstName: 'Zofia', lastName: 'Nowak' },
        delivery: { optionId: 'inpost-locker', pickupPoint: points[0] },
        paymentMethodId: 'card',
      }),
    );
    expect(input(html, 'email')).toContain('value="zofia@example.pl"');
    expect(input(html, 'phone')).toContain('value="601 234 567"');
    expect(input(html, 'firstName')).toContain('value="Zofia"');
    expect(html).toMatch(/<input[^>]*name="shippingOption"[^>]*value="inpost-locker"[^>]*checked/);
    expect(html).toMatch(/<input[^>]*name="pickupPoint"[^>]*value="KRA010"[^>]*checked/);
    expect(html).toMatch(/<input[^>]*name="paymentMethod"[^>]*value="card"[^>]*checked/);
  });

  it('renders the first step of the multi-step layout with its indicator', () => {
    const html = renderHtml(makeView(), { ...config, layout: 'multi-step' });
    expect(html).toContain('aria-current="step"');
    expect(html).toContain('name="email"');
    expect(html).not.toContain('name="blikCode"');
  });

  it('renders the thank-you view for a paid checkout', () => {
    const html = renderHtml(
      makeView({
        status: 'paid',
        order: { id: 'ord_1', number: '1001', total: { amount: 6999, currency: 'PLN' } },
      }),
    );
    expect(html).toContain('Dziękujemy! Zamówienie nr 1001');
    expect(html).not.toContain('<form');
  });
});
