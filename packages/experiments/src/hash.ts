/**
 * Deterministic bucketing that agrees with GrowthBook's SDKs, so a unit lands in the same variation
 * here, in any GrowthBook SDK and in GrowthBook's own analysis. Behaviour is pinned by `cases.json`.
 */

/** A half-open bucket `[start, end)` on the unit interval. */
export type BucketRange = readonly [start: number, end: number];

/** A namespace slice `[name, start, end)`: experiments sharing a name get disjoint traffic. */
export type Namespace = readonly [name: string, start: number, end: number];

/** FNV-1a, 32 bit, over UTF-16 code units (not UTF-8 bytes) as GrowthBook's JavaScript SDK does. */
function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    // Multiplying by the FNV prime 16777619 in doubles would lose the low bits; imul keeps them exact.
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashes a unit into `[0, 1)`.
 *
 * Version 2 (recommended) double-hashes `seed + value` and keeps 4 decimals; version 1 is GrowthBook's
 * legacy `value + seed` hash with 3 decimals. Any other version returns `null`.
 *
 * @example
 * hash('seed', 'a', 2); // 0.0505
 * hash('', 'a', 1); // 0.22
 * hash('abc', 'def', 99); // null
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  return null;
}

/**
 * Equal traffic weights for `n` variations; an empty list unless `n` is a positive integer.
 *
 * @example
 * getEqualWeights(4); // [0.25, 0.25, 0.25, 0.25]
 */
export function getEqualWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) return [];
  return new Array<number>(n).fill(1 / n);
}

/**
 * Bucket ranges for `numVariations` variations.
 *
 * Coverage is clamped to `[0, 1]`. Weights that are missing, of the wrong length, or that do not sum to
 * 1 (within GrowthBook's ±0.01 tolerance) fall back to equal weights; weights inside the tolerance are
 * used as given, exactly as GrowthBook does, so ranges stay identical across SDKs. Variation `i` owns
 * `[cumulative_i, cumulative_i + coverage * weight_i)`, so lowering coverage shrinks every range from
 * its end and never moves a unit between variations.
 *
 * @example
 * getBucketRanges(2, 0.5); // [[0, 0.25], [0.5, 0.75]]
 * getBucketRanges(2, 1, [0.4, 0.6]); // [[0, 0.4], [0.4, 1]]
 */
export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[],
): BucketRange[] {
  const clamped = Number.isNaN(coverage) ? 0 : Math.min(1, Math.max(0, coverage));
  let used = weights ?? getEqualWeights(numVariations);
  const total = used.reduce((sum, w) => sum + w, 0);
  if (used.length !== numVariations || !(total >= 0.99 && total <= 1.01)) {
    used = getEqualWeights(numVariations);
  }
  let cumulative = 0;
  return used.map((w) => {
    const start = cumulative;
    cumulative += w;
    return [start, start + clamped * w] as const;
  });
}

/**
 * Index of the range that contains `n` (half-open `[start, end)`), or −1 when `n` is in none of them,
 * i.e. the unit is outside the experiment's coverage.
 *
 * @example
 * chooseVariation(0.5, [[0, 0.5], [0.5, 1]]); // 1
 * chooseVariation(0.4, [[0, 0.25], [0.5, 0.75]]); // -1
 */
export function chooseVariation(n: number, ranges: readonly BucketRange[]): number {
  return ranges.findIndex(([start, end]) => n >= start && n < end);
}

/**
 * Whether a unit falls in a namespace slice. Uses the version-1 hash with seed `__${name}`, as
 * GrowthBook does, so namespaces stay compatible with experiments configured there.
 *
 * @example
 * inNamespace('1', ['namespace1', 0.4, 1]); // true
 * inNamespace('1', ['namespace1', 0, 0.4]); // false
 */
export function inNamespace(unitId: string, [name, start, end]: Namespace): boolean {
  const n = hash(`__${name}`, unitId, 1);
  return n !== null && n >= start && n < end;
}
