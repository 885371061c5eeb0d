import { describe, expect, it } from 'vitest';
import { cartAbandonmentRate } from './definitions.ts';
import { cartFunnel, funnel } from './funnel.ts';
import { handDataset, NOW } from './test-helpers.ts';

const summaries = handDataset();

describe('funnel on the hand-computed shop', () => {
  it('counts decided checkouts reaching each section, with drop-off between consecutive ones', () => {
    // Decided: A (paid) B (payment) D (paid late) F (paid) G (contact).
    // contact 5; delivery A B D F = 4; payment 4; review A D F = 3; paying 3; paid within 24 h A F = 2.
    // Drop-off: 1 − 4/5 = 0.2, 1 − 4/4 = 0, 1 − 3/4 = 0.25, 0, 1 − 2/3 = 1/3.
    const [all] = funnel(summaries, { now: NOW });
    expect(all?.label).toBe('all');
    expect(all?.checkouts).toBe(5);
    expect(all?.sections.map((r) => [r.name, r.reached])).toEqual([
      ['contact', 5],
      ['delivery', 4],
      ['payment', 4],
      ['review', 3],
      ['paying', 3],
      ['paid', 2],
    ]);
    const drops = all?.sections.map((r) => r.dropOff) ?? [];
    expect(drops[0]).toBeNull();
    expect(drops.slice(1).map((d) => Number(d?.toFixed(4)))).toEqual([0.2, 0, 0.25, 0, 0.3333]);
    expect(all?.sections[5]?.shareOfStart).toBe(0.4);
  });

  it('counts the multi-step steps: 1 = contact + delivery, 2 = payment, 3 = review, then the purchase', () => {
    // Step 1: 5, step 2 (payment or later): 4, step 3 (review or later): 3, purchase: 2.
    const [all] = funnel(summaries, { now: NOW });
    expect(all?.steps.map((r) => r.reached)).toEqual([5, 4, 3, 2]);
    expect(all?.steps[1]?.dropOff).toBeCloseTo(0.2);
  });

  it('groups by layout: one-page A B D, multi-step F G', () => {
    // one-page: contact 3, delivery 3, payment 3, review 2 (A D), paying 2, paid 1 (A).
    // multi-step: contact 2, delivery 1 (F), payment 1, review 1, paying 1, paid 1 (F).
    const groups = funnel(summaries, { now: NOW, groupBy: ['layout'] });
    expect(groups.map((g) => [g.label, g.sections.map((r) => r.reached)])).toEqual([
      ['multi-step', [2, 1, 1, 1, 1, 1]],
      ['one-page', [3, 3, 3, 2, 2, 1]],
    ]);
  });

  it('groups by several dimensions at once', () => {
    // layout × device: multi-step/mobile F G; one-page/desktop B D; one-page/mobile A.
    const groups = funnel(summaries, { now: NOW, groupBy: ['layout', 'device'] });
    expect(groups.map((g) => [g.label, g.checkouts])).toEqual([
      ['multi-step / mobile', 2],
      ['one-page / desktop', 2],
      ['one-page / mobile', 1],
    ]);
    expect(groups[0]?.key).toEqual({ layout: 'multi-step', device: 'mobile' });
  });

  it('groups by channel of the last touch', () => {
    // Last touch: direct B G; facebook F; google A D.
    const groups = funnel(summaries, { now: NOW, groupBy: ['source'] });
    expect(groups.map((g) => [g.label, g.checkouts])).toEqual([
      ['(direct)', 2],
      ['facebook', 1],
      ['google', 2],
    ]);
  });
});

describe('funnel from the cart', () => {
  it('counts decided carts: cart → checkout → … → paid within the window of the cart view', () => {
    // Carts viewed and decided: A B C D F (E pending; G began without a cart view).
    // Checkout begun: A B D F = 4; delivery and payment 4; review A D F = 3; paying 3;
    // paid within 24 h of the cart view: A, F (D paid 30 h after it) = 2.
    const carts = cartFunnel(summaries, { now: NOW });
    expect(carts.carts).toBe(5);
    expect(carts.pending).toBe(1);
    expect(carts.sections.map((r) => [r.name, r.reached])).toEqual([
      ['cart', 5],
      ['checkout', 4],
      ['delivery', 4],
      ['payment', 4],
      ['review', 3],
      ['paying', 3],
      ['paid', 2],
    ]);
    expect(carts.sections[0]).toEqual({ name: 'cart', reached: 5, shareOfStart: 1, dropOff: null });
    expect(carts.sections[1]).toMatchObject({ name: 'checkout', reached: 4, shareOfStart: 0.8 });
    expect(carts.sections[1]?.dropOff).toBeCloseTo(0.2);
    expect(carts.steps.map((r) => [r.name, r.reached])).toEqual([
      ['cart', 5],
      ['step 1: contact + delivery', 4],
      ['step 2: payment', 4],
      ['step 3: review', 3],
      ['purchase', 2],
    ]);
  });

  it('ends at 1 − cart abandonment', () => {
    const carts = cartFunnel(summaries, { now: NOW });
    const abandonment = cartAbandonmentRate(summaries, { now: NOW }).rate ?? 0;
    expect(carts.sections.at(-1)?.shareOfStart).toBeCloseTo(1 - abandonment);
  });

  it('is empty, with no shares, without carts', () => {
    const none = cartFunnel(summaries, { now: NOW, filters: { device: 'tablet' } });
    expect(none.carts).toBe(0);
    expect(none.sections.every((r) => r.reached === 0 && r.shareOfStart === null && r.dropOff === null)).toBe(
      true,
    );
  });
});
