/**
 * Values deepFreeze froze all the way down. Object.isFrozen speaks only of the object itself, not
 * of what it holds, so only these count as unchangeable: what is derived from them can be kept.
 */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes `value` and everything it holds, and returns it: code that changed shared data instead of
 * making a copy fails loudly, and what is derived from the value may be kept (see derivedOnce).
 *
 * @example const points = deepFreeze(parsePoints(body));
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || deeplyFrozen.has(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  Object.freeze(value);
  deeplyFrozen.add(value);
  return value;
}

/** True for a value deepFreeze froze: neither it nor anything it holds can change. */
export const isDeepFrozen = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && deeplyFrozen.has(value);

/**
 * `derive`, made once per deeply frozen input (which cannot change, so neither can what is derived
 * from it alone) and frozen in turn; made anew for any other input. Kept only while the input
 * lives. `derive` must depend on its input alone.
 *
 * @example const jsonText = derivedOnce((value: object) => JSON.stringify(value));
 */
export function derivedOnce<K extends object, V>(derive: (input: K) => V): (input: K) => V {
  const derived = new WeakMap<K, V>();
  return (input) => {
    if (!isDeepFrozen(input)) return derive(input);
    if (derived.has(input)) return derived.get(input) as V;
    const value = deepFreeze(derive(input));
    derived.set(input, value);
    return value;
  };
}
