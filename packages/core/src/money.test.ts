import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Money } from './money.ts';
import {
  add,
  allocate,
  compare,
  formatMoney,
  fromDecimalString,
  isZero,
  minorUnitExponent,
  money,
  multiply,
  subtract,
  sum,
  toDecimalString,
  vatBreakdown,
  vatFromGross,
} from './money.ts';
import { moneySchema } from './validator-schemas.ts';

const NBSP = '\u00a0';
const TRILLION = 10 ** 12;
const amountArb = fc.integer({ min: -TRILLION, max: TRILLION });
const plnArb = amountArb.map((a) => money(a));
const rateArb = fc.constantFrom(0, 5, 8, 23);

describe('money', () => {
  it('defaults to PLN and keeps integer minor units', () => {
    expect(money(1230)).toEqual({ amount: 1230, currency: 'PLN' });
    expect(money(500, 'JPY')).toEqual({ amount: 500, currency: 'JPY' });
  });

  it.each([12.3, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the non-integer amount %s', (a) => {
    expect(() => money(a)).toThrow(RangeError);
  });

  it.each(['pln', 'PL', 'ZŁOTY', ''])('rejects the currency code %j', (c) => {
    expect(() => money(1, c)).toThrow(RangeError);
  });

  it('normalises negative zero so it never prints as -0', () => {
    expect(Object.is(money(-0).amount, 0)).toBe(true);
    expect(Object.is(multiply(money(5), -0).amount, 0)).toBe(true);
  });

  it('has a schema that accepts integer amounts with a currency code', () => {
    expect(moneySchema.safeParse({ amount: 1230, currency: 'PLN' }).success).toBe(true);
    expect(moneySchema.safeParse({ amount: 12.3, currency: 'PLN' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 1, currency: 'pln' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 2 ** 53, currency: 'PLN' }).success).toBe(false);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies by a quantity', () => {
    expect(add(money(100), money(250))).toEqual(money(350));
    expect(subtract(money(100), money(250))).toEqual(money(-150));
    expect(multiply(money(1999), 3)).toEqual(money(5997));
  });

  it('refuses to multiply by a fractional quantity', () => {
    expect(() => multiply(money(100), 1.5)).toThrow(/integer/);
  });

  it('refuses to mix currencies, naming both', () => {
    expect(() => add(money(1), money(1, 'EUR'))).toThrow('add: cannot combine PLN with EUR');
    expect(() => subtract(money(1), money(1, 'EUR'))).toThrow(RangeError);
    expect(() => compare(money(1), money(1, 'EUR'))).toThrow(RangeError);
  });

  it('throws instead of losing precision beyond safe integers', () => {
    expect(() => add(money(Number.MAX_SAFE_INTEGER), money(1))).toThrow(RangeError);
  });

  it('sums a list in the given currency, and an empty list to zero', () => {
    expect(sum([money(100), money(200), money(-50)], 'PLN')).toEqual(money(250));
    expect(sum([], 'EUR')).toEqual(money(0, 'EUR'));
    expect(isZero(sum([], 'PLN'))).toBe(true);
    expect(isZero(money(1))).toBe(false);
  });

  it('names the mismatching currency when a sum mixes currencies', () => {
    expect(() => sum([money(100), money(100, 'EUR')], 'PLN')).toThrow(
      'sum: expected every amount in PLN, got one in EUR',
    );
  });

  it('compares amounts so lists can be sorted', () => {
    expect([money(300), money(-1), money(100)].sort(compare)).toEqual([money(-1), money(100), money(300)]);
    expect(compare(money(5), money(5))).toBe(0);
  });

  it('adds commutatively and associatively', () => {
    fc.assert(
      fc.property(plnArb, plnArb, plnArb, (a, b, c) => {
        expect(add(a, b)).toEqual(add(b, a));
        expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
      }),
    );
  });

  it('sums to the same total in any order', () => {
    const listAndShuffled = fc
      .array(plnArb, { maxLength: 30 })
      .chain((list) =>
        fc.tuple(
          fc.constant(list),
          fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
        ),
      );
    fc.assert(
      fc.property(listAndShuffled, ([list, shuffled]) => {
        expect(sum(shuffled, 'PLN')).toEqual(sum(list, 'PLN'));
        expect(subtract(sum(list, 'PLN'), sum(list, 'PLN'))).toEqual(money(0));
      }),
    );
  });
});

describe('allocate', () => {
  it.each<[number, number[], number[]]>([
    [1000, [1, 1, 1], [334, 333, 333]],
    [100, [0.7, 0.3], [70, 30]],
    [5, [3, 7], [2, 3]],
    [-1000, [1, 1, 1], [-334, -333, -333]],
    [1, [0, 1, 0], [0, 1, 0]],
    [0, [1, 2], [0, 0]],
    [10, [1e-7, 1e-7], [5, 5]],
  ])('splits %i by %j into %j', (amount, ratios, parts) => {
    expect(allocate(money(amount), ratios)).toEqual(parts.map((p) => money(p)));
  });

  it.each([[[]], [[0, 0]], [[-1, 2]], [[Number.NaN]]])('rejects the ratios %j', (ratios) => {
    expect(() => allocate(money(100), ratios)).toThrow(RangeError);
  });

  it('gives parts that always add up to the whole', () => {
    const ratiosArb = fc
      .array(
        fc.oneof(
          fc.integer({ min: 0, max: 1000 }),
          fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
        ),
        {
          minLength: 1,
          maxLength: 12,
        },
      )
      .filter((rs) => rs.some((r) => r > 0));
    fc.assert(
      fc.property(plnArb, ratiosArb, (m, ratios) => {
        const parts = allocate(m, ratios);
        expect(parts).toHaveLength(ratios.length);
        expect(sum(parts, 'PLN')).toEqual(m);
        ratios.forEach((r, i) => {
          if (r === 0) expect(parts[i]?.amount).toBe(0);
        });
      }),
    );
  });

  it('gives equal ratios parts that differ by at most one minor unit', () => {
    fc.assert(
      fc.property(plnArb, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100 }), (m, n, r) => {
        const amounts = allocate(
          m,
          Array.from({ length: n }, () => r),
        ).map((p) => p.amount);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('vatFromGross', () => {
  it.each<[number, number, number, number]>([
    [12300, 23, 10000, 2300],
    [10800, 8, 10000, 800],
    [10500, 5, 10000, 500],
    [999, 0, 999, 0],
    [100, 23, 81, 19], // 18.699… rounds up
    [1, 23, 1, 0], // 0.187 rounds down
    [-12300, 23, -10000, -2300], // a refund line
    [-100, 23, -81, -19],
  ])('splits %i gross at %i%% into net %i and VAT %i', (gross, rate, net, vat) => {
    expect(vatFromGross(money(gross), rate)).toEqual({ net: money(net), vat: money(vat) });
  });

  it('rounds an exact half away from zero', () => {
    // With the Polish rates 0/5/8/23 an exact half cannot occur; at 100% gross 7 gives VAT 3.5.
    expect(vatFromGross(money(7), 100).vat).toEqual(money(4));
    expect(vatFromGross(money(-7), 100).vat).toEqual(money(-4));
  });

  it('accepts a fractional rate exactly', () => {
    // 10750 × 7.5 / 107.5 = 750
    expect(vatFromGross(money(10750), 7.5)).toEqual({ net: money(10000), vat: money(750) });
  });

  it('gives the same split for a rate seen before, and refuses a bad rate every time', () => {
    expect(vatFromGross(money(12300), 23)).toEqual(vatFromGross(money(12300), 23));
    expect(vatFromGross(money(107), 7)).toEqual({ net: money(100), vat: money(7) });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => vatFromGross(money(100), -1)).toThrow(RangeError);
      expect(() => vatFromGross(money(100), Number.NaN)).toThrow(RangeError);
    }
  });

  it('rejects a negative rate', () => {
    expect(() => vatFromGross(money(100), -23)).toThrow(RangeError);
  });

  it('always splits gross into net + VAT exactly, with VAT the nearest whole grosz', () => {
    fc.assert(
      fc.property(plnArb, rateArb, (gross, rate) => {
        const { net, vat } = vatFromGross(gross, rate);
        expect(add(net, vat)).toEqual(gross);
        const exactTimes = gross.amount * rate; // vat ≈ exactTimes / (100 + rate)
        expect(Math.abs(vat.amount * (100 + rate) - exactTimes)).toBeLessThanOrEqual((100 + rate) / 2);
      }),
    );
  });
});

describe('vatBreakdown', () => {
  it('groups lines by rate, highest rate first, computing VAT per line', () => {
    const lines = [
      { gross: money(100), vatRate: 23 },
      { gross: money(1080), vatRate: 8 },
      { gross: money(100), vatRate: 23 },
    ];
    expect(vatBreakdown(lines)).toEqual([
      // per line 100 → 19 VAT, so 38; from the 200 total it would have been 37
      { rate: 23, gross: money(200), net: money(162), vat: money(38) },
      { rate: 8, gross: money(1080), net: money(1000), vat: money(80) },
    ]);
  });

  it('returns no rows for no lines', () => {
    expect(vatBreakdown([])).toEqual([]);
  });

  it('refuses lines in different currencies', () => {
    const lines = [
      { gross: money(100), vatRate: 23 },
      { gross: money(100, 'EUR'), vatRate: 23 },
    ];
    expect(() => vatBreakdown(lines)).toThrow(RangeError);
  });

  it('has totals equal to the sum of the line grosses', () => {
    const lineArb = fc.record({ gross: plnArb, vatRate: rateArb });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), (lines) => {
        const rows = vatBreakdown(lines);
        const pln = (list: Money[]) => sum(list, 'PLN');
        const total = pln(lines.map((l) => l.gross));
        expect(pln(rows.map((r) => r.gross))).toEqual(total);
        expect(add(pln(rows.map((r) => r.net)), pln(rows.map((r) => r.vat)))).toEqual(total);
        for (const row of rows) expect(add(row.net, row.vat)).toEqual(row.gross);
        expect(new Set(rows.map((r) => r.rate)).size).toBe(rows.length);
      }),
    );
  });
});

describe('decimal strings', () => {
  it('knows the minor unit of common currencies', () => {
    expect(['PLN', 'EUR', 'USD', 'JPY', 'KWD'].map(minorUnitExponent)).toEqual([2, 2, 2, 0, 3]);
  });

  it.each<[Money, string]>([
    [money(1230), '12.30'],
    [money(5), '0.05'],
    [money(-5), '-0.05'],
    [money(0), '0.00'],
    [money(123456, 'JPY'), '123456'],
    [money(1234, 'KWD'), '1.234'],
    [money(Number.MAX_SAFE_INTEGER), '90071992547409.91'],
  ])('writes %j as %s', (m, text) => {
    expect(toDecimalString(m)).toBe(text);
  });

  it.each<[string, string, Money]>([
    ['12.30', 'PLN', money(1230)],
    ['12.3', 'PLN', money(1230)],
    ['12', 'PLN', money(1200)],
    [' 0.05 ', 'PLN', money(5)],
    ['-7.01', 'EUR', money(-701, 'EUR')],
    ['0.29', 'USD', money(29, 'USD')], // 0.29 * 100 is 28.999… in floating point
    ['500', 'JPY', money(500, 'JPY')],
  ])('parses %j in %s exactly', (text, currency, m) => {
    expect(fromDecimalString(text, currency)).toEqual(m);
  });

  it.each<[string, string]>([
    ['12.345', 'PLN'],
    ['12.300', 'PLN'],
    ['1.5', 'JPY'],
    ['12,30', 'PLN'],
    ['1e3', 'PLN'],
    ['.5', 'PLN'],
    ['12.', 'PLN'],
    ['', 'PLN'],
    ['+1', 'PLN'],
    ['90071992547409.92', 'PLN'],
  ])('rejects %j in %s', (text, currency) => {
    expect(() => fromDecimalString(text, currency)).toThrow(RangeError);
  });

  it('round-trips every amount through its decimal string', () => {
    const anyMoney = fc
      .tuple(fc.maxSafeInteger(), fc.constantFrom('PLN', 'EUR', 'USD', 'JPY', 'KWD'))
      .map(([a, c]) => money(a, c));
    fc.assert(
      fc.property(anyMoney, (m) => {
        expect(fromDecimalString(toDecimalString(m), m.currency)).toEqual(m);
      }),
    );
  });
});

describe('formatMoney', () => {
  it.each<[Money, string, string]>([
    [money(123456), 'pl-PL', `1234,56${NBSP}zł`], // Polish does not group four-digit numbers
    [money(12345678), 'pl-PL', `123${NBSP}456,78${NBSP}zł`],
    [money(-1230), 'pl-PL', `-12,30${NBSP}zł`],
    [money(12345678), 'en-GB', `PLN${NBSP}123,456.78`],
    [money(-123450, 'EUR'), 'en-US', '-€1,234.50'],
  ])('formats %j in %s as %j', (m, locale, text) => {
    expect(formatMoney(m, locale)).toBe(text);
  });

  it('defaults to Polish', () => {
    expect(formatMoney(money(5))).toBe(`0,05${NBSP}zł`);
  });

  it('keeps each locale and currency apart however the calls interleave', () => {
    const calls: [Money, string, string][] = [
      [money(1999), 'pl-PL', `19,99${NBSP}zł`],
      [money(1999, 'EUR'), 'pl-PL', `19,99${NBSP}€`],
      [money(1999), 'en-GB', `PLN${NBSP}19.99`],
      [money(1999, 'JPY'), 'pl-PL', `1999${NBSP}JPY`],
      [money(1999), 'pl-PL', `19,99${NBSP}zł`],
      [money(1999, 'EUR'), 'en-GB', '€19.99'],
    ];
    for (const [m, locale, text] of calls) expect(formatMoney(m, locale)).toBe(text);
  });

  it('writes złoty and euro in Polish and British English as Intl does, without asking it', () => {
    const styles = ['pl-PL', 'en-GB'].flatMap((locale) =>
      ['PLN', 'EUR'].map((currency) => ({ locale, currency })),
    );
    const amounts = fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.maxSafeInteger());
    fc.assert(
      fc.property(amounts, fc.constantFrom(...styles), (amount, { locale, currency }) => {
        const m = money(amount, currency);
        const intl = new Intl.NumberFormat(locale, { style: 'currency', currency });
        expect(formatMoney(m, locale)).toBe(intl.format(toDecimalString(m) as `${number}`));
      }),
      { numRuns: 2_000 },
    );
  });

  it('asks Intl nothing for złoty and euro in Polish and British English (its data is slow to load on a phone)', async () => {
    // A fresh copy of the module: the other tests' calls have filled its caches.
    vi.resetModules();
    const { formatMoney, money } = await import('./money.ts');
    const original = Intl.NumberFormat;
    const made: unknown[] = [];
    Intl.NumberFormat = new Proxy(original, {
      construct: (target, args) => {
        made.push(args);
        return Reflect.construct(target, args);
      },
    });
    try {
      for (const locale of ['pl-PL', 'en-GB']) {
        for (const currency of ['PLN', 'EUR']) formatMoney(money(1999, currency), locale);
      }
      expect(made).toEqual([]);
      expect(formatMoney(money(1999, 'CHF'), 'pl-PL')).toBe(`19,99${NBSP}CHF`);
      expect(made).toEqual([
        ['en', { style: 'currency', currency: 'CHF' }],
        ['pl-PL', { style: 'currency', currency: 'CHF' }],
      ]);
    } finally {
      Intl.NumberFormat = original;
    }
  });

  it('stays exact beyond what a float divided by 100 can hold', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER))).toBe(
      `${['90', '071', '992', '547', '409,91'].join(NBSP)}${NBSP}zł`,
    );
  });
});
