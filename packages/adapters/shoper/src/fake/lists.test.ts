import { describe, expect, it } from 'vitest';
import { listPage } from './lists.ts';

const rows = [
  { order_id: '1', notes_priv: 'kasa:chk_a', sum: '10.00', status: { type: 1 } },
  { order_id: '2', notes_priv: 'x kasa:chk_b y', sum: '99.50', status: { type: 2 } },
  { order_id: '3', notes_priv: null, sum: '120.00', status: { type: 4 } },
];
const q = (params: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(params).map(
      ([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string],
    ),
  );
const ids = (params: Record<string, unknown>) => listPage(rows, q(params)).list.map((r) => r.order_id);

describe('list pages', () => {
  it('answers the envelope with a string count', () => {
    expect(listPage(rows, q({ limit: '2' }))).toMatchObject({ count: '3', pages: 2, page: 1 });
    expect(ids({ limit: '2', page: '2' })).toEqual(['3']);
    expect(ids({ limit: '2', offset: '1' })).toEqual(['2', '3']);
  });

  it('filters by equality, numbers against strings', () => {
    expect(ids({ filters: { order_id: 2 } })).toEqual(['2']);
    expect(ids({ filters: { order_id: { '=': '3' } } })).toEqual(['3']);
  });

  it('filters with in, LIKE, comparisons and a dotted field', () => {
    expect(ids({ filters: { order_id: { in: [1, 3] } } })).toEqual(['1', '3']);
    expect(ids({ filters: { notes_priv: { LIKE: '%kasa:chk_b%' } } })).toEqual(['2']);
    expect(ids({ filters: { notes_priv: { LIKE: 'kasa:chk_%' } } })).toEqual(['1']);
    expect(ids({ filters: { sum: { '>=': 99.5, '<': 120 } } })).toEqual(['2']);
    expect(ids({ filters: { sum: { '>': '10' } } })).toEqual(['2', '3']);
    expect(ids({ filters: { sum: { '<=': 10 } } })).toEqual(['1']);
    expect(ids({ filters: { order_id: { '!=': 1 } } })).toEqual(['2', '3']);
    expect(ids({ filters: { 'status.type': 4 } })).toEqual(['3']);
  });

  it('orders by a field, descending when asked', () => {
    expect(ids({ order: 'sum desc' })).toEqual(['3', '2', '1']);
  });

  it('refuses a limit over 50, a bad page and filters that are not a JSON object', () => {
    expect(() => listPage(rows, q({ limit: '51' }))).toThrow(/limit/);
    expect(() => listPage(rows, q({ page: '0' }))).toThrow(/page/);
    expect(() => listPage(rows, q({ filters: '[1]' }))).toThrow(/filters/);
    expect(() => listPage(rows, q({ filters: '{"a":{"~":1}}' }))).toThrow(/operator/);
  });
});
