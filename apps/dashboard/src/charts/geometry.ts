/**
 * The arithmetic behind the SVG charts, kept apart from the components so it can be tested alone:
 * sparkline coordinates, a symmetric scale around zero for effect intervals, bar widths.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
  readonly complete: boolean;
}

export interface Sparkline {
  /** Runs of connected points; a run is incomplete when it touches an incomplete point. */
  readonly segments: readonly { readonly points: string; readonly complete: boolean }[];
  /** Every point with a value. */
  readonly dots: readonly Point[];
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Coordinates of a sparkline in a `width` × `height` box (y grows downwards). Points are spread evenly;
 * a missing value breaks the line; the segment into an incomplete point is drawn separately.
 *
 * @example
 * sparkline([{ value: 0.7, complete: true }, { value: 0.6, complete: false }], 100, 20, 2).segments;
 * // [{ points: '2,2 98,18', complete: false }]
 */
export function sparkline(
  values: readonly { readonly value: number | null; readonly complete: boolean }[],
  width: number,
  height: number,
  pad: number,
): Sparkline {
  const known = values.flatMap((p) => (p.value === null ? [] : [p.value]));
  const min = Math.min(...known);
  const max = Math.max(...known);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) / (max - min)) * (height - 2 * pad));
  const at = values.map((p, i) =>
    p.value === null
      ? null
      : {
          x: round(values.length > 1 ? pad + i * step : width / 2),
          y: round(y(p.value)),
          complete: p.complete,
        },
  );
  // Consecutive known points are joined; runs of the same kind merge into one polyline.
  const runs: { points: Point[]; complete: boolean }[] = [];
  for (let i = 1; i < at.length; i++) {
    const a = at[i - 1];
    const b = at[i];
    if (!a || !b) continue;
    const complete = a.complete && b.complete;
    const last = runs[runs.length - 1];
    if (last && last.complete === complete && last.points[last.points.length - 1] === a) last.points.push(b);
    else runs.push({ points: [a, b], complete });
  }
  const segments = runs.map((r) => ({
    points: r.points.map((p) => `${p.x},${p.y}`).join(' '),
    complete: r.complete,
  }));
  return { segments, dots: at.filter((p): p is Point => p !== null) };
}

/**
 * The half-width of a symmetric axis around zero that holds every interval, with a little room,
 * never below 1% (so a tiny effect is not drawn as huge).
 *
 * @example ciExtent([[-0.05, 0.12], [0.01, 0.2]]); // 0.22
 */
export function ciExtent(intervals: readonly (readonly [number, number])[]): number {
  const largest = Math.max(0.01, ...intervals.flatMap(([low, high]) => [Math.abs(low), Math.abs(high)]));
  return Math.round(largest * 1.1 * 1000) / 1000;
}

/** An x coordinate for `value` on an axis from −extent to +extent drawn `width` wide. */
export const centred = (value: number, extent: number, width: number): number => {
  const clamped = Math.max(-extent, Math.min(extent, value));
  return round(((clamped + extent) / (2 * extent)) * width);
};

/** Progress (0 = baseline, 1 = target) as a whole percent for a progress bar, held within 0–100. */
export const progressPercent = (progress: number | null): number =>
  progress === null ? 0 : Math.max(0, Math.min(100, Math.round(progress * 100)));

/** A bar's length for `share` of `width`, at least 1 unit when the share is above 0 so it stays visible. */
export const barLength = (share: number | null, width: number): number =>
  share === null || share <= 0 ? 0 : Math.max(1, round(Math.min(1, share) * width));
