import { describe, expect, it } from 'vitest';
import { funnel } from './funnel.ts';
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
