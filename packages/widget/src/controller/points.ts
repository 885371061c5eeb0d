/**
 * Finding a parcel locker: by postcode when the query looks like one, else by town or street. The
 * locker used last time is offered first.
 */
import type { PickupPoint } from '@kasa/core';
import type { PointQuery } from './api.ts';
import type { Context } from './context.ts';

const POSTCODE = /^\d{2}-?\d{3}$/;

/** @example pointQuery('00950'); // { postcode: '00-950' } */
export function pointQuery(input: string): PointQuery {
  const query = input.trim();
  return POSTCODE.test(query) ? { postcode: `${query.slice(0, 2)}-${query.slice(-3)}` } : { q: query };
}

/**
 * The list to offer: the chosen point always on top (so its radio stays checked), else the point offered
 * first before (the last used locker) when the results include it.
 */
export function withFirst(
  found: readonly PickupPoint[],
  chosen?: PickupPoint,
  previous?: PickupPoint,
): PickupPoint[] {
  const first = chosen ?? (found.some((point) => point.id === previous?.id) ? previous : undefined);
  return first ? [first, ...found.filter((point) => point.id !== first.id)] : [...found];
}

export function createPointFinder(ctx: Context) {
  let asked = 0;

  async function search(input?: string): Promise<void> {
    const query = (input ?? ctx.get().form.pointQuery).trim();
    if (query === '') {
      ctx.showErrors({ pointQuery: 'required' }, undefined, true);
      return;
    }
    const ticket = ++asked;
    ctx.set((s) => ({
      ...s,
      form: { ...s.form, pointQuery: query },
      errors: Object.fromEntries(Object.entries(s.errors).filter(([target]) => target !== 'pointQuery')),
      points: { ...s.points, query, status: 'loading' },
    }));
    try {
      const { points, stale } = await ctx.api.points(pointQuery(query));
      if (ticket !== asked) return;
      const { items: before } = ctx.get().points;
      const chosen = before.find((point) => point.id === ctx.get().pickupPointId);
      const items = withFirst(points, chosen, before[0]);
      ctx.set((s) => ({ ...s, points: { query, status: 'ready', items, stale: !!stale } }));
    } catch {
      if (ticket !== asked) return;
      ctx.set((s) => ({ ...s, points: { ...s.points, status: 'error' } }));
    }
  }

  return { search };
}
