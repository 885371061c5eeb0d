import { type ExperimentConfig, experimentSchema } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import {
  checkoutVisitorId,
  DEFAULT_PRESENTATION,
  presentationFor,
  storedLayoutSchema,
} from './presentation.ts';

const experiment = (key: string, variations: string[], extra: Partial<ExperimentConfig> = {}) =>
  experimentSchema.parse({
    key,
    variations,
    status: 'running',
    startDate: '2026-11-01',
    kr: 'checkout-conversion',
    ...extra,
  });

const layoutTest = experiment('checkout-layout', ['one-page', 'multi-step']);
const blikTest = experiment('blik-na-gorze', ['blik-first', 'blik-among-others']);
const deliveryTest = experiment('dostawa', ['locker-first', 'courier-first']);
const units = Array.from({ length: 4_000 }, (_, i) => `chk_${i.toString(36)}`);

/** The share of units shown `value` for `option`. */
const shareOf = (
  shown: ReturnType<typeof presentationFor>[],
  option: 'layout' | 'paymentOrder' | 'deliveryOrder',
  value: string,
) => shown.filter((p) => p[option] === value).length / shown.length;

describe('how a checkout is shown', () => {
  it('is the default for everyone when no experiment is configured: one-page, BLIK first, lockers first', () => {
    expect(presentationFor([], 'chk_a')).toEqual({
      layout: 'one-page',
      paymentOrder: 'blik-first',
      deliveryOrder: 'locker-first',
      arms: {},
    });
  });

  it('splits checkouts about half and half by the layout experiment, the same way every time', () => {
    const shown = units.map((id) => presentationFor([layoutTest], id));
    expect(shareOf(shown, 'layout', 'multi-step')).toBeGreaterThan(0.46);
    expect(shareOf(shown, 'layout', 'multi-step')).toBeLessThan(0.54);
    expect(units.map((id) => presentationFor([layoutTest], id))).toEqual(shown);
    for (const p of shown.slice(0, 50)) {
      expect(p.arms).toEqual({ 'checkout-layout': p.layout });
      expect([p.paymentOrder, p.deliveryOrder]).toEqual(['blik-first', 'locker-first']);
    }
  });

  it("sets where BLIK stands from a payment-order experiment, whatever the experiment's key", () => {
    const shown = units.map((id) => presentationFor([blikTest], id));
    expect(shareOf(shown, 'paymentOrder', 'blik-among-others')).toBeGreaterThan(0.46);
    expect(shareOf(shown, 'paymentOrder', 'blik-among-others')).toBeLessThan(0.54);
    for (const p of shown.slice(0, 50)) {
      expect(p.arms).toEqual({ 'blik-na-gorze': p.paymentOrder });
      expect([p.layout, p.deliveryOrder]).toEqual(['one-page', 'locker-first']);
    }
  });

  it('sets which delivery comes first from a delivery-order experiment', () => {
    const shown = units.map((id) => presentationFor([deliveryTest], id));
    expect(shareOf(shown, 'deliveryOrder', 'courier-first')).toBeGreaterThan(0.46);
    expect(shareOf(shown, 'deliveryOrder', 'courier-first')).toBeLessThan(0.54);
    for (const p of shown.slice(0, 50)) expect(p.arms).toEqual({ dostawa: p.deliveryOrder });
  });

  it("counts a shown step in the shopify-step experiment's 'kasa-step' arm only, and changes nothing shown", () => {
    const stepTest = experiment('shopify-step', ['shopify-checkout', 'kasa-step']);
    const shown = units.slice(0, 400).map((id) => presentationFor([stepTest], id));
    const inStep = shown.filter((p) => p.arms['shopify-step'] === 'kasa-step').length;
    expect(inStep).toBeGreaterThan(150);
    expect(inStep).toBeLessThan(250);
    for (const p of shown) {
      expect(Object.values(p.arms).every((arm) => arm === 'kasa-step')).toBe(true);
      expect({ ...p, arms: {} }).toEqual(DEFAULT_PRESENTATION);
    }
    const stopped = experiment('shopify-step', ['shopify-checkout', 'kasa-step'], { status: 'stopped' });
    expect(
      units.slice(0, 50).every((id) => Object.keys(presentationFor([stopped], id).arms).length === 0),
    ).toBe(true);
  });

  it('takes each option from its own experiment when experiments of two templates run at once', () => {
    const shown = units.map((id) => presentationFor([blikTest, deliveryTest], id));
    for (const [i, p] of shown.entries()) {
      const unit = units[i] ?? '';
      expect(p.paymentOrder).toBe(presentationFor([blikTest], unit).paymentOrder);
      expect(p.deliveryOrder).toBe(presentationFor([deliveryTest], unit).deliveryOrder);
      expect(p.arms).toEqual({ 'blik-na-gorze': p.paymentOrder, dostawa: p.deliveryOrder });
    }
    // Each experiment hashes by its own key: the two splits are not the same split.
    const both = shown.filter(
      (p) => p.paymentOrder === 'blik-among-others' && p.deliveryOrder === 'courier-first',
    );
    expect(both.length / shown.length).toBeGreaterThan(0.2);
    expect(both.length / shown.length).toBeLessThan(0.3);
  });

  it('serves a shipped variation to everyone without enrolling anyone', () => {
    const shipped = experiment('dostawa', ['locker-first', 'courier-first'], {
      status: 'shipped',
      shipped: 'courier-first',
    });
    const shown = units.slice(0, 200).map((id) => presentationFor([shipped, layoutTest], id));
    expect(new Set(shown.map((p) => p.deliveryOrder))).toEqual(new Set(['courier-first']));
    for (const p of shown) expect(Object.keys(p.arms)).toEqual(['checkout-layout']);
  });

  it('serves the defaults without an arm while an experiment is stopped or a draft', () => {
    const stopped = experiment('checkout-layout', ['one-page', 'multi-step'], { status: 'stopped' });
    const draft = experiment('blik', ['blik-first', 'blik-among-others'], { status: 'draft' });
    for (const id of units.slice(0, 200)) {
      expect(presentationFor([stopped, draft], id)).toEqual(DEFAULT_PRESENTATION);
    }
  });

  it('ignores experiments whose variations are no template, or a template in another order', () => {
    const unknown = experiment('kolor-przycisku', ['zielony', 'niebieski']);
    const reversed = experiment('odwrotnie', ['multi-step', 'one-page']);
    const extra = experiment('trzy', ['blik-first', 'blik-among-others', 'blik-last']);
    for (const id of units.slice(0, 200)) {
      expect(presentationFor([unknown, reversed, extra], id)).toEqual(DEFAULT_PRESENTATION);
    }
  });

  it('lets the first of two experiments on one option decide it, and leaves the other out', () => {
    const second = experiment('blik-drugi', ['blik-first', 'blik-among-others']);
    for (const id of units.slice(0, 200)) {
      const shown = presentationFor([blikTest, second], id);
      expect(shown).toEqual(presentationFor([blikTest], id));
      expect(shown.arms).not.toHaveProperty('blik-drugi');
    }
  });

  it('reports no arm for a unit outside the coverage, which gets the default', () => {
    const partial = experiment('blik', ['blik-first', 'blik-among-others'], { coverage: 0.2 });
    const shown = units.map((id) => presentationFor([partial], id));
    const enrolled = shown.filter((p) => 'blik' in p.arms);
    expect(enrolled.length / shown.length).toBeGreaterThan(0.17);
    expect(enrolled.length / shown.length).toBeLessThan(0.23);
    for (const p of shown.filter((s) => !('blik' in s.arms))) expect(p.paymentOrder).toBe('blik-first');
  });
});

describe('a layout stored before presentations', () => {
  it('reads as the presentation it was: its layout, the defaults, and its arm', () => {
    expect(
      storedLayoutSchema.parse({
        layout: 'multi-step',
        experiment: { key: 'checkout-layout', variation: 'multi-step' },
      }),
    ).toEqual({ ...DEFAULT_PRESENTATION, layout: 'multi-step', arms: { 'checkout-layout': 'multi-step' } });
    expect(storedLayoutSchema.parse({ layout: 'one-page' })).toEqual(DEFAULT_PRESENTATION);
  });
});

describe("a checkout's own visitor id", () => {
  it('is the digest the tracker computes too, and not the checkout id', () => {
    // SHA-256('kasa-visitor:chk_first') in base64url, cut to 22, from
    // `node -e "crypto.createHash('sha256').update('kasa-visitor:chk_first').digest('base64url')"`;
    // the tracker's test expects the same value from Web Crypto.
    const id = checkoutVisitorId('chk_first');
    expect(id).toBe('qZWczDgKttzTQYkkjUav6N');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(checkoutVisitorId('chk_second')).not.toBe(id);
  });
});
