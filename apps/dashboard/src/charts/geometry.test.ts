import { describe, expect, it } from 'vitest';
import { barLength, centred, ciExtent, progressPercent } from './geometry.ts';

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
