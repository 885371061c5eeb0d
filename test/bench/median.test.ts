import { describe, expect, it } from 'vitest';
import { median, middleHalf } from './median.ts';

describe('the benchmarks’ medians', () => {
  it('takes the middle value, the upper one of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('gives the middle half of the values: the lower and the upper quartile', () => {
    expect(middleHalf([9, 1, 5, 3, 7, 2, 8, 4, 6])).toEqual([3, 7]);
    expect(middleHalf([1.1, 0.9, 1.0, 1.2])).toEqual([0.9, 1.2]);
    expect(middleHalf([5])).toEqual([5, 5]);
  });
});
