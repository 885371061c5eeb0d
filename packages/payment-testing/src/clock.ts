/**
 * A clock moved by hand, shared by a fake PSP and the provider under test, so tests move time
 * without sleeping.
 *
 * @example
 * const clock = manualClock();
 * clock.advance(60_000);
 * clock.now(); // 1_700_000_060_000
 */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance takes a duration ≥ 0, got ${ms}`);
      t += ms;
    },
  };
}
