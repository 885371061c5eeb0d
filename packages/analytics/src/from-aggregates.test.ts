/**
 * The computations after aggregation, on cells and tallies written by hand as a store would answer them.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, CellKey, Cells } from './aggregates.ts';
import { channelRowsFromCells } from './channels.ts';
import { abandonmentFromCells, conversionFromCells, paymentFailureRowsFrom } from './definitions.ts';
import { experimentFromCells } from './experiments.ts';
import { fieldReportFrom } from './fields.ts';
import { withinRange } from './filters.ts';
import { funnelFromCells } from './funnel.ts';
import { groupCells, sumCells } from './group.ts';

const cell = (key: CellKey, checkouts: number, conversions = 0, revenue = 0): Cell => ({
  key,
  checkouts,
  conversions,
  revenue,
  revenueSumSquares: revenue * 100,
});
const cellsOf = (cells: Cell[], pending = 0): Cells => ({ cells, pending, windowMs: 86_400_000 });

describe('cell sums and groups', () => {
  it('adds up every count', () => {
    expect(sumCells([cell({}, 3, 1, 100), cell({}, 2, 2, 50)])).toEqual({
      checkouts: 5,
      conversions: 3,
      revenue: 150,
      revenueSumSquares: 15_000,
    });
  });

  it('groups by the given dimensions only, sorted by label, one group "all" for none', () => {
    const cells = [
      cell({ layout: 'one-page', furthest: 1 }, 1),
      cell({ layout: 'multi-step', furthest: 1 }, 2),
      cell({ layout: 'one-page', furthest: 5 }, 3),
    ];
    expect(groupCells(cells, ['layout']).map((g) => [g.label, g.key, sumCells(g.cells).checkouts])).toEqual([
      ['multi-step', { layout: 'multi-step' }, 2],
      ['one-page', { layout: 'one-page' }, 4],
    ]);
    expect(groupCells(cells, []).map((g) => [g.label, g.cells.length])).toEqual([['all', 3]]);
  });
});

describe('rates from cells', () => {
  it('adds cells of any split: 200 decided, 60 converted → abandonment 0.7, conversion 0.3', () => {
    const cells = cellsOf([cell({ layout: 'a' }, 120, 40), cell({ layout: 'b' }, 80, 20)], 12);
    expect(abandonmentFromCells(cells)).toEqual({ count: 140, total: 200, rate: 0.7, pending: 12 });
    expect(conversionFromCells(cells)).toEqual({ count: 60, total: 200, rate: 0.3, pending: 12 });
    expect(abandonmentFromCells(cellsOf([], 3))).toEqual({ count: 0, total: 0, rate: null, pending: 3 });
  });
});

describe('paymentFailureRowsFrom', () => {
  it('orders methods, counts purchases of an unknown method in the total only, and skips methods without attempts', () => {
    const { methods, total } = paymentFailureRowsFrom([
      { method: 'card', attempts: 10, failures: 2, blikRejected: 0, blikTimeouts: 0 },
      { method: null, attempts: 3, failures: 0, blikRejected: 0, blikTimeouts: 0 },
      { method: 'blik', attempts: 20, failures: 5, blikRejected: 3, blikTimeouts: 1 },
      { method: 'cod', attempts: 0, failures: 0, blikRejected: 0, blikTimeouts: 0 },
    ]);
    expect(methods.map((r) => [r.method, r.rate, r.otherFailures])).toEqual([
      ['blik', 0.25, 1],
      ['card', 0.2, 2],
    ]);
    // 33 attempts, 7 failures: 3 rejected, 1 timed out, 3 other.
    expect(total).toEqual({
      method: 'all',
      attempts: 33,
      failures: 7,
      rate: 7 / 33,
      blikRejected: 3,
      blikTimeouts: 1,
      otherFailures: 3,
    });
  });
});

describe('funnelFromCells', () => {
  it('counts the checkouts at or past each section per group, and conversions as paid', () => {
    // one-page: 10 paid (8 within the window), 5 left at payment; multi-step: 4 with no section, 6 at review.
    const groups = funnelFromCells(
      cellsOf([
        cell({ layout: 'one-page', furthest: 5 }, 10, 8),
        cell({ layout: 'one-page', furthest: 2 }, 5),
        cell({ layout: 'multi-step', furthest: -1 }, 4),
        cell({ layout: 'multi-step', furthest: 3 }, 6),
      ]),
      ['layout'],
    );
    expect(groups.map((g) => [g.label, g.checkouts, g.sections.map((r) => r.reached)])).toEqual([
      ['multi-step', 10, [6, 6, 6, 6, 0, 0]],
      ['one-page', 15, [15, 15, 15, 10, 10, 8]],
    ]);
    expect(groups[1]?.steps.map((r) => [r.reached, r.dropOff])).toEqual([
      [15, null],
      [15, 0],
      [10, 1 - 10 / 15],
      [8, 1 - 8 / 10],
    ]);
  });
});

describe('fieldReportFrom', () => {
  it('counts abandoned checkouts by the field left at, leaving out fields where nobody left', () => {
    const report = fieldReportFrom(
      cellsOf([
        cell({ leaveField: 'nip' }, 10, 2),
        cell({ leaveField: null }, 6, 4),
        cell({ leaveField: 'email' }, 3, 3),
        cell({ leaveField: 'phone' }, 2, 0),
      ]),
      [
        { field: 'phone', errors: 3, checkouts: 2, abandoned: 1 },
        { field: 'nip', errors: 9, checkouts: 4, abandoned: 3 },
      ],
    );
    // Abandoned: nip 8, no field 2, phone 2 → 12 of 21 decided.
    expect(report).toEqual({
      abandoned: 12,
      withoutField: 2,
      abandonmentRate: 12 / 21,
      lastFields: [
        { field: 'nip', count: 8, share: 8 / 12 },
        { field: 'phone', count: 2, share: 2 / 12 },
      ],
      errors: [
        { field: 'nip', errors: 9, checkouts: 4, abandoned: 3, abandonShare: 0.75 },
        { field: 'phone', errors: 3, checkouts: 2, abandoned: 1, abandonShare: 0.5 },
      ],
    });
  });
});

describe('channelRowsFromCells', () => {
  it('gives sessions, orders and revenue per source / medium / campaign, most sessions first', () => {
    const google = { source: 'google', medium: 'cpc', campaign: 'zima' };
    const direct = { source: '(direct)', medium: '(none)', campaign: '(none)' };
    const rows = channelRowsFromCells(cellsOf([cell(direct, 5, 1, 100), cell(google, 8, 2, 400)]));
    expect(rows).toEqual([
      { ...google, sessions: 8, orders: 2, revenue: 400, conversionRate: 0.25 },
      { ...direct, sessions: 5, orders: 1, revenue: 100, conversionRate: 0.2 },
    ]);
  });
});

describe('experimentFromCells', () => {
  it('reads each variation, counts unknown ones apart and passes pending through', () => {
    const r = experimentFromCells(
      { key: 'checkout-layout', variations: ['one-page', 'multi-step'], sequential: false },
      cellsOf(
        [
          cell({ variation: 'multi-step' }, 1000, 345, 6_900_000),
          cell({ variation: 'one-page' }, 1000, 300, 3_000_000),
          cell({ variation: 'three-step' }, 7, 1, 100),
        ],
        50,
      ),
    );
    expect(r.variants.map((v) => [v.variation, v.sessions, v.conversions, v.revenuePerVisitor])).toEqual([
      ['one-page', 1000, 300, 3000],
      ['multi-step', 1000, 345, 6900],
    ]);
    expect(r.unknownVariations).toBe(7);
    expect(r.pending).toBe(50);
    expect(r.verdict.kind).toBe('winner');
  });
});

describe('withinRange', () => {
  it('narrows from / to to the range and keeps the other filters', () => {
    expect(withinRange({ device: 'mobile', from: 50 }, { from: 10, to: 100 })).toEqual({
      device: 'mobile',
      from: 50,
      to: 100,
    });
    expect(withinRange(undefined, { from: 10, to: 100 })).toEqual({ from: 10, to: 100 });
    expect(withinRange({ to: 20 }, { from: 30, to: 100 })).toEqual({ from: 30, to: 20 });
  });
});
