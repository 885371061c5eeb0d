/** The middle value of `values` by `key` (the upper one of an even count); undefined when empty. */
export const medianBy = <T>(values: readonly T[], key: (value: T) => number): T | undefined =>
  [...values].sort((a, b) => key(a) - key(b))[values.length >> 1];

/** The middle number (the upper one of an even count); NaN when there is none. */
export const median = (values: readonly number[]): number => medianBy(values, (v) => v) ?? Number.NaN;
