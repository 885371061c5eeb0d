import { describe, expect, it } from 'vitest';
import {
  allAnswers,
  type Cell,
  cellsOf,
  fieldErrorsOf,
  mapAnswer,
  paymentTalliesOf,
  summaryAggregates,
} from './aggregates.ts';
import { H, handDataset, MIN, NOW, T0 } from './test-helpers.ts';

const summaries = handDataset();
/** Cells as [key, checkouts, conversions, revenue], in a stable order for comparison. */
const rows = (cells: readonly Cell[]) =>
  cells
    .map((c) => [c.key, c.checkouts, c.conversions, c.revenue] as const)
    .sort((a, b) => JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])));

describe('cellsOf on the hand-computed shop (see test-helpers.ts)', () => {
  it('counts decided checkouts per cell, converted within the window, and E as pending', () => {
    // one-page: A (200 zł) B D (paid late) → 3, 1; multi-step: F (300 zł) G → 2, 1. E pending.
    const { cells, pending } = cellsOf(summaries, { base: 'checkout', groupBy: ['layout'] }, { now: NOW });
    expect(rows(cells)).toEqual([
      [{ layout: 'multi-step' }, 2, 1, 30_000],
      [{ layout: 'one-page' }, 3, 1, 20_000],
    ]);
    expect(cells.find((c) => c.key.layout === 'multi-step')?.revenueSumSquares).toBe(30_000 ** 2);
    expect(pending).toBe(1);
  });

  it('decides carts from the cart view: A B C D F decided, A F converted; C has no layout', () => {
    const carts = cellsOf(summaries, { base: 'cart', groupBy: [] }, { now: NOW });
    expect(rows(carts.cells)).toEqual([[{}, 5, 2, 50_000]]);
    expect(carts.pending).toBe(1);
    const desktop = cellsOf(
      summaries,
      { base: 'cart', groupBy: ['layout'] },
      { now: NOW, filters: { device: 'desktop' } },
    );
    expect(rows(desktop.cells)).toEqual([
      [{ layout: '(unknown)' }, 1, 0, 0],
      [{ layout: 'one-page' }, 2, 0, 0],
    ]);
  });

  it('applies every filter before counting, pending included', () => {
    // Last touch google: A D; from T0 + 2 h: D E F G (E pending); not simulated: all.
    const count = (filters: object) => {
      const { cells, pending } = cellsOf(summaries, { base: 'checkout', groupBy: [] }, { now: NOW, filters });
      return [cells[0]?.checkouts ?? 0, pending];
    };
    expect(count({ source: 'google' })).toEqual([2, 0]);
    expect(count({ source: 'facebook', touch: 'first' })).toEqual([2, 0]);
    expect(count({ from: T0 + 2 * H })).toEqual([3, 1]);
    expect(count({ variant: 'multi-step', device: 'mobile' })).toEqual([2, 0]);
    expect(count({ simulated: true })).toEqual([0, 0]);
  });

  it('reads channel dimensions of the chosen touch', () => {
    const first = cellsOf(summaries, { base: 'checkout', groupBy: ['source'], touch: 'first' }, { now: NOW });
    expect(rows(first.cells).map(([key, n]) => [key.source, n])).toEqual([
      ['(direct)', 2],
      ['facebook', 2],
      ['google', 1],
    ]);
  });

  it('splits by furthest section rank and by the field left at', () => {
    // Furthest: A D F paid (5), B payment (2), G contact (0). Left at: B nip, D terms, G email; A F bought.
    const furthest = cellsOf(summaries, { base: 'checkout', groupBy: ['furthest'] }, { now: NOW });
    expect(rows(furthest.cells).map(([key, n]) => [key.furthest, n])).toEqual([
      [0, 1],
      [2, 1],
      [5, 3],
    ]);
    const left = cellsOf(summaries, { base: 'checkout', groupBy: ['leaveField'] }, { now: NOW });
    expect(rows(left.cells).map(([key, n, converted]) => [key.leaveField, n - converted])).toEqual([
      ['blikCode', 0],
      ['email', 1],
      ['nip', 1],
      ['terms', 1],
      [null, 0],
    ]);
  });

  it('keeps only checkouts assigned in the experiment, split by variation', () => {
    const query = { base: 'checkout', groupBy: ['variation'], experiment: 'checkout-layout' } as const;
    const layout = cellsOf(summaries, query, { now: NOW });
    expect(rows(layout.cells).map(([key, n]) => [key.variation, n])).toEqual([
      ['multi-step', 2],
      ['one-page', 3],
    ]);
    expect(layout.pending).toBe(1);
    expect(cellsOf(summaries, { ...query, experiment: 'other' }, { now: NOW })).toEqual({
      cells: [],
      pending: 0,
      windowMs: 24 * H,
    });
  });

  it('buckets by firstTs from `from` in steps, leaving out checkouts before it', () => {
    // From T0 + 2 h in 1 h steps: D (T0 + 3 h) → 1, F (T0 + 4 h) → 2, G (T0 + 5 h) → 3, E pending; A B left out.
    const query = { base: 'checkout', groupBy: ['bucket'], buckets: { from: T0 + 2 * H, step: H } } as const;
    const { cells, pending } = cellsOf(summaries, query, { now: NOW });
    expect(rows(cells).map(([key, n, converted]) => [key.bucket, n, converted])).toEqual([
      [1, 1, 0],
      [2, 1, 1],
      [3, 1, 0],
    ]);
    expect(pending).toBe(1);
  });

  it('leaves every checkout pending until its window closes, and takes the window from the options', () => {
    const early = cellsOf(summaries, { base: 'checkout', groupBy: [] }, { now: T0 + 10 * H });
    expect(early).toEqual({ cells: [], pending: 6, windowMs: 24 * H });
    // With 48 h, D (paid after 30 h) converts too: A D F.
    const wide = cellsOf(summaries, { base: 'checkout', groupBy: [] }, { now: NOW, windowMs: 48 * H });
    expect(rows(wide.cells)).toEqual([[{}, 5, 3, 60_000]]);
  });
});

describe('field error and payment tallies', () => {
  it('tallies field errors over decided checkouts', () => {
    expect(fieldErrorsOf(summaries, { now: NOW })).toEqual(
      expect.arrayContaining([
        { field: 'nip', errors: 2, checkouts: 1, abandoned: 1 },
        { field: 'blikCode', errors: 1, checkouts: 1, abandoned: 0 },
        { field: 'email', errors: 1, checkouts: 1, abandoned: 1 },
      ]),
    );
    expect(fieldErrorsOf(summaries, { now: NOW, filters: { variant: 'one-page' } })).toHaveLength(1);
  });

  it('tallies payment outcomes per method, without a window', () => {
    expect(paymentTalliesOf(summaries, { now: T0 + H })).toEqual(
      expect.arrayContaining([
        { method: 'blik', attempts: 4, failures: 2, blikRejected: 1, blikTimeouts: 1 },
        { method: 'card', attempts: 2, failures: 1, blikRejected: 0, blikTimeouts: 0 },
        { method: 'pbl', attempts: 1, failures: 0, blikRejected: 0, blikTimeouts: 0 },
      ]),
    );
  });

  it('answers the median time to purchase', () => {
    // A 15 m, D 30 h, E 10 m, F 9 m → (10 m + 15 m) / 2.
    expect(summaryAggregates(summaries).timeToPurchase({ now: NOW })).toEqual({
      medianMs: 12.5 * MIN,
      count: 4,
    });
  });
});

describe('answers, sync or async', () => {
  it('maps a value at once and a promise when it settles', async () => {
    expect(mapAnswer<number, number, false>(2, (x) => x + 1)).toBe(3);
    const later = mapAnswer<number, number, true>(Promise.resolve(2), (x) => x + 1);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(3);
  });

  it('gathers values as an array, and as a promise once any is a promise', async () => {
    expect(allAnswers<number, false>([1, 2])).toEqual([1, 2]);
    const mixed = allAnswers<number, boolean>([1, Promise.resolve(2)]);
    expect(mixed).toBeInstanceOf(Promise);
    expect(await mixed).toEqual([1, 2]);
  });
});
