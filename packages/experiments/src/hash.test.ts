import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import cases from './cases.json';
import { chooseVariation, getBucketRanges, getEqualWeights, hash, inNamespace } from './hash.ts';

// Every expected value below comes from GrowthBook's public SDK spec fixture (see `_source` in cases.json);
// parsing the rows with zod keeps a malformed fixture from silently testing nothing.
const range = z.tuple([z.number(), z.number()]);
const fixture = z
  .object({
    _source: z.string().includes('growthbook'),
    hash: z.array(z.tuple([z.string(), z.string(), z.number(), z.number().nullable()])).min(15),
    getBucketRange: z
      .array(
        z.tuple([
          z.string(),
          z.tuple([z.number(), z.number(), z.array(z.number()).nullable()]),
          z.array(range),
        ]),
      )
      .min(13),
    chooseVariation: z.array(z.tuple([z.string(), z.number(), z.array(range), z.number()])).min(13),
    inNamespace: z.array(
      z.tuple([z.string(), z.string(), z.tuple([z.string(), z.number(), z.number()]), z.boolean()]),
    ),
    getEqualWeights: z.array(z.tuple([z.number(), z.array(z.number())])),
  })
  .parse(cases);

describe('bucketing matches GrowthBook cases.json', () => {
  it.each(fixture.hash)('hash(%j, %j, v%i) is %s', (seed, value, version, expected) => {
    expect(hash(seed, value, version)).toBe(expected);
  });

  it.each(fixture.getBucketRange)('getBucketRanges: %s', (_name, [n, coverage, weights], expected) => {
    const ranges = getBucketRanges(n, coverage, weights ?? undefined);
    expect(ranges).toHaveLength(expected.length);
    ranges.forEach(([start, end], i) => {
      // GrowthBook's own runner compares these after rounding; 0.2 + 0.06 is not exactly 0.26 in doubles.
      expect(start).toBeCloseTo(expected[i]?.[0] ?? Number.NaN, 10);
      expect(end).toBeCloseTo(expected[i]?.[1] ?? Number.NaN, 10);
    });
  });

  it.each(fixture.chooseVariation)('chooseVariation: %s', (_name, n, ranges, expected) => {
    expect(chooseVariation(n, ranges)).toBe(expected);
  });

  it.each(fixture.inNamespace)('inNamespace: %s', (_name, id, namespace, expected) => {
    expect(inNamespace(id, namespace)).toBe(expected);
  });

  it.each(fixture.getEqualWeights)('getEqualWeights(%i)', (n, expected) => {
    const weights = getEqualWeights(n);
    expect(weights).toHaveLength(expected.length);
    // The fixture rounds 1/3 to 8 decimals.
    weights.forEach((w, i) => {
      expect(w).toBeCloseTo(expected[i] ?? Number.NaN, 8);
    });
  });
});

describe('bucketing properties', () => {
  it('hashes any string, including non-ASCII ids, into [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.constantFrom(1, 2),
        (seed, id, v) => {
          const n = hash(seed, id, v);
          expect(n).not.toBeNull();
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThan(1);
        },
      ),
    );
  });

  it('gives a null hash for unknown versions', () => {
    fc.assert(
      fc.property(
        fc.integer().filter((v) => v !== 1 && v !== 2),
        (v) => hash('seed', 'unit', v) === null,
      ),
    );
  });

  const split = fc
    .array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 })
    .map((raw) => raw.map((w) => w / raw.reduce((s, x) => s + x, 0)));

  it('lays ranges out in order, each coverage × weight long, covering exactly `coverage` of [0, 1)', () => {
    fc.assert(
      fc.property(split, fc.double({ min: 0, max: 1, noNaN: true }), (weights, coverage) => {
        const ranges = getBucketRanges(weights.length, coverage, weights);
        let cumulative = 0;
        let covered = 0;
        ranges.forEach(([start, end], i) => {
          const w = weights[i] ?? Number.NaN;
          expect(start).toBeCloseTo(cumulative, 12);
          expect(end - start).toBeCloseTo(coverage * w, 12);
          expect(end).toBeLessThanOrEqual(cumulative + w + 1e-12);
          cumulative += w;
          covered += end - start;
        });
        expect(covered).toBeCloseTo(coverage, 12);
        expect(cumulative).toBeCloseTo(1, 12);
      }),
    );
  });

  it('puts every point in at most one range, and chooseVariation finds it', () => {
    fc.assert(
      fc.property(
        split,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (weights, coverage, n) => {
          const ranges = getBucketRanges(weights.length, coverage, weights);
          const containing = ranges.flatMap(([start, end], i) => (n >= start && n < end ? [i] : []));
          expect(containing.length).toBeLessThanOrEqual(1);
          expect(chooseVariation(n, ranges)).toBe(containing[0] ?? -1);
        },
      ),
    );
  });

  it('never moves an enrolled unit to another variation when coverage grows', () => {
    fc.assert(
      fc.property(
        split,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (weights, coverage, n) => {
          const before = chooseVariation(n, getBucketRanges(weights.length, coverage, weights));
          const after = chooseVariation(n, getBucketRanges(weights.length, 1, weights));
          if (before !== -1) expect(after).toBe(before);
        },
      ),
    );
  });
});
