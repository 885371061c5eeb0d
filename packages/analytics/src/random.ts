/**
 * A seeded pseudo-random source, so a simulation with the same seed yields the same events everywhere.
 */

/** Uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for simulated shoppers (not for anything secret).
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636, the same on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks one entry with probability proportional to its weight.
 *
 * @example
 * pickWeighted(random, [['blik', 0.6], ['card', 0.4]]); // 'blik' six times in ten
 */
export function pickWeighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [value, weight] of entries) {
    x -= weight;
    if (x < 0) return value;
  }
  const last = entries.at(-1);
  if (!last) throw new RangeError('pickWeighted needs at least one entry with a positive weight');
  return last[0];
}

/**
 * A standard normal draw (Box–Muller).
 *
 * @example
 * Math.exp(Math.log(18_900) + 0.6 * standardNormal(random)); // a log-normal order value around 189 zł
 */
export function standardNormal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A whole number in [min, max]. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));
