/** The middle value of `values` by `key` (the upper one of an even count); undefined when empty. */
export const medianBy = <T>(values: readonly T[], key: (value: T) => number): T | undefined =>
  [...values].sort((a, b) => key(a) - key(b))[values.length >> 1];

/** The middle number (the upper one of an even count); NaN when there is none. */
export const median = (values: readonly number[]): number => medianBy(values, (v) => v) ?? Number.NaN;

/**
 * The middle half of the values, as the lower and the upper quartile: the values a quarter and
 * three quarters of the way through them in order (rounded outwards, so the range holds at least
 * half of them). It says how far single runs spread around the median.
 */
export function middleHalf(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const last = sorted.length - 1;
  return [sorted[Math.floor(last / 4)] ?? Number.NaN, sorted[Math.ceil((3 * last) / 4)] ?? Number.NaN];
}
