/**
 * The arithmetic behind the SVG charts, kept apart from the components so it can be tested alone:
 * a symmetric scale around zero for effect intervals, bar widths.
 */

const round = (x: number) => Math.round(x * 10) / 10;

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
