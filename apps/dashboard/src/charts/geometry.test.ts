import { describe, expect, it } from 'vitest';
import { barLength, centred, ciExtent, progressPercent, sparkline } from './geometry.ts';

describe('sparkline', () => {
  it('scales values into the box, highest at the top', () => {
    const { segments, dots } = sparkline(
      [
        { value: 0.7, complete: true },
        { value: 0.6, complete: true },
        { value: 0.65, complete: true },
      ],
      104,
      24,
      2,
    );
    expect(segments).toEqual([{ points: '2,2 52,22 102,12', complete: true }]);
    expect(dots).toHaveLength(3);
  });

  it('draws the way into an incomplete point as its own segment', () => {
    const { segments, dots } = sparkline(
      [
        { value: 0.7, complete: true },
        { value: 0.6, complete: true },
        { value: 0.5, complete: false },
      ],
      104,
      24,
      2,
    );
    expect(segments).toEqual([
      { points: '2,2 52,12', complete: true },
      { points: '52,12 102,22', complete: false },
    ]);
    expect(dots.map((d) => d.complete)).toEqual([true, true, false]);
  });

  it('breaks the line at a missing value and centres a flat or single series', () => {
    const gap = sparkline(
      [
        { value: 1, complete: true },
        { value: null, complete: true },
        { value: 1, complete: true },
      ],
      100,
      20,
      0,
    );
    expect(gap.segments).toEqual([]);
    expect(gap.dots.map((d) => d.y)).toEqual([10, 10]);
    expect(sparkline([{ value: 3, complete: false }], 100, 20, 0).dots).toEqual([
      { x: 50, y: 10, complete: false },
    ]);
    expect(sparkline([], 100, 20, 0)).toEqual({ segments: [], dots: [] });
  });
});

describe('scales', () => {
  it('makes a symmetric axis that holds every interval', () => {
    expect(
      ciExtent([
        [-0.05, 0.12],
        [0.01, 0.2],
      ]),
    ).toBe(0.22);
    expect(ciExtent([])).toBe(0.011);
    expect(centred(0, 0.2, 100)).toBe(50);
    expect(centred(-0.2, 0.2, 100)).toBe(0);
    expect(centred(0.5, 0.2, 100)).toBe(100);
  });

  it('holds progress within 0–100 and keeps tiny bars visible', () => {
    expect(progressPercent(0.4)).toBe(40);
    expect(progressPercent(-0.3)).toBe(0);
    expect(progressPercent(1.7)).toBe(100);
    expect(progressPercent(null)).toBe(0);
    expect(barLength(0.5, 200)).toBe(100);
    expect(barLength(0.001, 200)).toBe(1);
    expect(barLength(0, 200)).toBe(0);
    expect(barLength(null, 200)).toBe(0);
  });
});
