import { describe, expect, it } from 'vitest';
import { niceStep, type TrendBox, trendGeometry, yScale } from './trend-geometry.ts';

const box: TrendBox = { width: 320, height: 160, left: 50, right: 10, top: 10, bottom: 30 };
const DAY = 86_400_000;
const point = (i: number, value: number | null, complete = true) => ({ from: i * DAY, value, complete });

describe('niceStep', () => {
  it('picks 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.23, 4)).toBe(0.1);
    expect(niceStep(0.2, 4)).toBe(0.05);
    expect(niceStep(100_000, 4)).toBe(25_000);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0, 4)).toBe(1);
  });
});

describe('yScale', () => {
  it('holds the values, the target and the baseline, on round ticks', () => {
    const scale = yScale([0.62, 0.58], 0.5, 0.7, true);
    // The target 0.5 sits on a step: one more below keeps its line off the x axis.
    expect(scale.min).toBe(0.45);
    expect(scale.max).toBe(0.7);
    expect(scale.ticks).toEqual([0.45, 0.5, 0.55, 0.6, 0.65, 0.7]);
    expect(yScale([0.62, 0.58], 0.52, 0.7, true).min).toBe(0.5);
    expect(yScale([0.3], 0, 0.4, true).min).toBe(0);
  });

  it('keeps rates within 0–100% and times from 0 up', () => {
    const rate = yScale([0.98], 0.99, 0.9, true);
    expect(rate.max).toBeLessThanOrEqual(1);
    expect(rate.ticks.at(-1)).toBeLessThanOrEqual(1);
    const time = yScale([20_000], 10_000, 30_000, false);
    expect(time.min).toBeGreaterThanOrEqual(0);
    expect(time.ticks[0]).toBe(time.min);
  });

  it('opens a flat line into a band around it', () => {
    const scale = yScale([0.1, 0.1], 0.1, undefined, true);
    expect(scale.min).toBeLessThan(0.1);
    expect(scale.max).toBeGreaterThan(0.1);
  });
});

describe('trendGeometry', () => {
  const input = {
    points: [point(0, 0.7), point(1, 0.6), point(2, null), point(3, 0.55), point(4, 0.5, false)],
    target: 0.5,
    baseline: 0.7,
    isRate: true,
  };

  it('puts the target and the baseline on the same scale as the values, higher up the larger', () => {
    const g = trendGeometry(input, box);
    // 0.45 at the bottom (y 130), 0.7 at the top (y 10): 0.05 is 24 units.
    expect(g.baselineY).toBe(box.top);
    expect(g.targetY).toBe(box.height - box.bottom - 24);
    expect(g.dots[0]?.y).toBe(g.baselineY);
    expect(g.dots.at(-1)?.y).toBe(g.targetY);
    expect(g.yTicks.map((t) => t.value)).toEqual([0.45, 0.5, 0.55, 0.6, 0.65, 0.7]);
    expect(g.yTicks[0]?.y).toBeGreaterThan(g.yTicks.at(-1)?.y ?? Number.POSITIVE_INFINITY);
  });

  it('spreads the periods over the plot, breaks the line at a gap and draws the unfinished period apart', () => {
    const g = trendGeometry(input, box);
    // 5 slots of 52 between x 50 and 310, each point in the middle of its slot.
    expect(g.dots.map((d) => d.x)).toEqual([76, 128, 232, 284]);
    expect(g.segments).toEqual([
      { points: `76,${g.dots[0]?.y} 128,${g.dots[1]?.y}`, complete: true },
      { points: `232,${g.dots[2]?.y} 284,${g.dots[3]?.y}`, complete: false },
    ]);
  });

  it('labels the x axis with the first, middle and last period, or fewer when there are few', () => {
    expect(trendGeometry(input, box).xTicks.map((t) => t.from)).toEqual([0, 2 * DAY, 4 * DAY]);
    const two = trendGeometry({ ...input, points: input.points.slice(0, 2) }, box);
    expect(two.xTicks.map((t) => t.from)).toEqual([0, DAY]);
    const none = trendGeometry({ ...input, points: [] }, box);
    expect(none.xTicks).toEqual([]);
    expect(none.dots).toEqual([]);
    expect(none.targetY).toBeGreaterThan(0);
  });
});
