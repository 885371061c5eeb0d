import { describe, expect, it } from 'vitest';
import { fieldDropOff } from './fields.ts';
import { handDataset, NOW } from './test-helpers.ts';

describe('field drop-off on the hand-computed shop', () => {
  const report = fieldDropOff(handDataset(), { now: NOW });

  it('reports the last field touched in abandoned checkouts', () => {
    // Abandoned (decided, no purchase within 24 h): B (left at nip), D (last field terms), G (left at email).
    // Each field 1 of 3 → share 1/3; ties ordered by name.
    expect(report.abandoned).toBe(3);
    expect(report.withoutField).toBe(0);
    expect(report.lastFields).toEqual([
      { field: 'email', count: 1, share: 1 / 3 },
      { field: 'nip', count: 1, share: 1 / 3 },
      { field: 'terms', count: 1, share: 1 / 3 },
    ]);
  });

  it('ranks fields by errors, with how many of those checkouts were abandoned', () => {
    // nip: 2 errors in B (abandoned) → 1 of 1. blikCode: 1 in F (bought) → 0 of 1. email: 1 in G (abandoned) → 1 of 1.
    // Overall abandonment 3 / 5 = 0.6 for comparison.
    expect(report.errors).toEqual([
      { field: 'nip', errors: 2, checkouts: 1, abandoned: 1, abandonShare: 1 },
      { field: 'blikCode', errors: 1, checkouts: 1, abandoned: 0, abandonShare: 0 },
      { field: 'email', errors: 1, checkouts: 1, abandoned: 1, abandonShare: 1 },
    ]);
    expect(report.abandonmentRate).toBe(0.6);
  });
});
