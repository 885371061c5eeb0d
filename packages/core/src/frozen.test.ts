import { describe, expect, it } from 'vitest';
import { deepFreeze, derivedOnce, isDeepFrozen } from './frozen.ts';

describe('deepFreeze', () => {
  it('freezes everything a value holds, so a change anywhere throws', () => {
    const cart = deepFreeze({ lines: [{ sku: 'a', quantity: 1 }], total: { amount: 100 } });
    expect(() => {
      (cart.lines[0] as { quantity: number }).quantity = 2;
    }).toThrow(TypeError);
    expect(() => {
      (cart.lines as unknown[]).push({});
    }).toThrow(TypeError);
    expect(cart.lines[0]?.quantity).toBe(1);
    expect(isDeepFrozen(cart)).toBe(true);
    expect(isDeepFrozen(cart.lines[0])).toBe(true);
  });

  it('does not count a shallowly frozen object, nor what it holds, as unchangeable', () => {
    const shallow = Object.freeze({ inner: { n: 1 } });
    expect(isDeepFrozen(shallow)).toBe(false);
    expect(isDeepFrozen(shallow.inner)).toBe(false);
    expect(isDeepFrozen('text')).toBe(false);
    expect(isDeepFrozen(null)).toBe(false);
  });

  it('freezes what a shallowly frozen value holds', () => {
    const value = deepFreeze(Object.freeze({ inner: { n: 1 } }));
    expect(Object.isFrozen(value.inner)).toBe(true);
    expect(isDeepFrozen(value)).toBe(true);
  });
});

describe('derivedOnce', () => {
  const counted = () => {
    let calls = 0;
    const json = derivedOnce((value: object) => {
      calls += 1;
      return JSON.stringify(value);
    });
    return { json, calls: () => calls };
  };

  it('derives once per deeply frozen input', () => {
    const { json, calls } = counted();
    const value = deepFreeze({ a: [1, 2] });
    expect(json(value)).toBe('{"a":[1,2]}');
    expect(json(value)).toBe('{"a":[1,2]}');
    expect(calls()).toBe(1);
    expect(json(deepFreeze({ a: [1, 2] }))).toBe('{"a":[1,2]}');
    expect(calls()).toBe(2);
  });

  it('derives anew for an input that can change, so a change shows', () => {
    const { json, calls } = counted();
    const value = { a: [1, 2] };
    expect(json(value)).toBe('{"a":[1,2]}');
    value.a.push(3);
    expect(json(value)).toBe('{"a":[1,2,3]}');
    const shallow = Object.freeze({ a: [1] });
    json(shallow);
    shallow.a.push(2);
    expect(json(shallow)).toBe('{"a":[1,2]}');
    expect(calls()).toBe(4);
  });

  it('freezes what it derives, so the kept result cannot be changed by one caller for the next', () => {
    const wrap = derivedOnce((options: readonly number[]) => ({ options }));
    const options = deepFreeze([1, 2]);
    const answer = wrap(options);
    expect(wrap(options)).toBe(answer);
    expect(isDeepFrozen(answer)).toBe(true);
    expect(Object.isFrozen(wrap([3]))).toBe(false);
  });
});
