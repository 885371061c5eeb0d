/**
 * The arithmetic of a key result's trend chart, apart from the component so it is tested alone: a
 * y scale that holds the values, the target and the baseline, round tick values, the x position of
 * each day or week, the line (broken where a value is missing, the way into an unfinished period
 * drawn apart), and which dates label the x axis.
 */

export interface TrendBox {
  readonly width: number;
  readonly height: number;
  /** Room for the y axis labels on the left and the x axis labels below. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface TrendInput {
  readonly points: readonly {
    readonly from: number;
    readonly value: number | null;
    readonly complete: boolean;
  }[];
  readonly target: number;
  readonly baseline?: number;
  /** Rates stay within 0–1 on the axis; times from 0 up. */
  readonly isRate: boolean;
}

export interface TrendDot {
  readonly x: number;
  readonly y: number;
  readonly value: number;
  readonly from: number;
  readonly complete: boolean;
}

export interface TrendGeometry {
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** Dates to write under the axis: the first, the last and one between when there is room. */
  readonly xTicks: readonly { readonly from: number; readonly x: number }[];
  readonly segments: readonly { readonly points: string; readonly complete: boolean }[];
  readonly dots: readonly TrendDot[];
  readonly targetY: number;
  readonly baselineY: number | null;
  /** The plot area, for the axis lines. */
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * A round step for about `count` intervals over `span`: 1, 2, 2.5 or 5 times a power of ten.
 *
 * @example niceStep(0.23, 4); // 0.05
 */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/**
 * The axis range and its ticks: every value, the target and the baseline inside, widened to round
 * steps (and one more below when the lowest sits on a step, so it stays off the x axis); rates kept
 * within 0–1 and nothing below 0.
 *
 * @example
 * yScale([0.62, 0.58], 0.5, 0.7, true); // { min: 0.45, max: 0.7, ticks: [0.45, 0.5, …, 0.7] }
 */
export function yScale(
  values: readonly number[],
  target: number,
  baseline: number | undefined,
  isRate: boolean,
): { readonly min: number; readonly max: number; readonly ticks: readonly number[] } {
  const all = [...values, target, ...(baseline === undefined ? [] : [baseline])];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (high === low) {
    const room = isRate ? 0.05 : Math.max(1, Math.abs(high) * 0.1);
    low -= room;
    high += room;
  }
  const step = niceStep(high - low, 4);
  const tidy = (x: number) => Number(x.toPrecision(12));
  let min = tidy(Math.floor(low / step + 1e-9) * step);
  // A value or target on the bottom gridline would hide in the x axis: one step more below it.
  if (min > 0 && Math.abs(min - low) < step / 1e6) min = tidy(min - step);
  let max = tidy(Math.ceil(high / step - 1e-9) * step);
  if (min < 0) min = 0;
  if (isRate && max > 1) max = 1;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 1e6; v += step) ticks.push(Math.round(v / step) * step);
  return { min, max, ticks: ticks.map(tidy) };
}

/**
 * Everything the chart draws, in the coordinates of `box` (y grows downwards).
 *
 * @example
 * trendGeometry({ points, target: 0.5, baseline: 0.7, isRate: true }, box).targetY; // 40
 */
export function trendGeometry(input: TrendInput, box: TrendBox): TrendGeometry {
  const { points } = input;
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.top;
  const y1 = box.height - box.bottom;
  const known = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const scale = yScale(known, input.target, input.baseline, input.isRate);
  const span = scale.max - scale.min || 1;
  const y = (v: number) => round(y1 - ((v - scale.min) / span) * (y1 - y0));
  // Each period at the middle of its slot, so one point sits in the centre.
  const slot = points.length > 0 ? (x1 - x0) / points.length : 0;
  const x = (i: number) => round(x0 + slot * (i + 0.5));
  const at = points.map((p, i) =>
    p.value === null ? null : { x: x(i), y: y(p.value), value: p.value, from: p.from, complete: p.complete },
  );
  const runs: { points: TrendDot[]; complete: boolean }[] = [];
  for (let i = 1; i < at.length; i++) {
    const a = at[i - 1];
    const b = at[i];
    if (!a || !b) continue;
    const complete = a.complete && b.complete;
    const last = runs[runs.length - 1];
    if (last && last.complete === complete && last.points[last.points.length - 1] === a) last.points.push(b);
    else runs.push({ points: [a, b], complete });
  }
  const last = points.length - 1;
  const tickIndexes = [
    ...new Set(last >= 4 ? [0, Math.round(last / 2), last] : last >= 1 ? [0, last] : last === 0 ? [0] : []),
  ];
  return {
    yTicks: scale.ticks.map((value) => ({ value, y: y(value) })),
    xTicks: tickIndexes.map((i) => ({ from: points[i]?.from ?? 0, x: x(i) })),
    segments: runs.map((r) => ({
      points: r.points.map((p) => `${p.x},${p.y}`).join(' '),
      complete: r.complete,
    })),
    dots: at.filter((p): p is TrendDot => p !== null),
    targetY: y(input.target),
    baselineY: input.baseline === undefined ? null : y(input.baseline),
    plot: { x0, x1, y0, y1 },
  };
}
