import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_SHAPES,
  type AttributionField,
  attributionPattern,
  attributionValue,
  isServerEvent,
  looksLikeContact,
} from './browser-events.ts';
import { browserEventSchema, checkoutEventSchema } from './events.ts';

describe('looksLikeContact', () => {
  it.each([
    'jan.kowalski@example.pl',
    'rabat dla jan@example.pl',
    'jan%40example.pl',
    '512345678',
    'promo 512 345 678',
    '+48 512-345-678',
    '(22) 123 45 67',
    '512.345.678',
    '512_345_678',
  ])('finds contact data in %j', (value) => expect(looksLikeContact(value)).toBe(true));

  it.each(['zima-2026', 'Wiosna – 30%', 'black_friday_2026-11-27', 'Cj0KCQiA_abc-123', '@kasa', 'x@y'])(
    'lets %j through',
    (value) => expect(looksLikeContact(value)).toBe(false),
  );

  it('finds a phone number exactly when nine digits stand in a row once separators are left out', () => {
    const characters = [...'0123456789', ' ', '\u00a0', '\t', ...'().+/_-', 'a', 'ł', ','];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...characters), { maxLength: 40 }), (parts) => {
        const value = parts.join('');
        const nineDigits = /\d{9}/.test(value.replace(/[\s().+/_-]/g, ''));
        expect(looksLikeContact(value)).toBe(nineDigits);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('attributionValue', () => {
  const fields = Object.keys(ATTRIBUTION_SHAPES) as AttributionField[];

  it('makes any text a value the field takes, or leaves it out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        (field, raw) => {
          const value = attributionValue(field, raw);
          if (value === undefined) return;
          expect(value.length).toBeGreaterThan(0);
          expect(value.length).toBeLessThanOrEqual(ATTRIBUTION_SHAPES[field][1]);
          expect(attributionPattern(field).test(value)).toBe(true);
          expect(looksLikeContact(value)).toBe(false);
        },
      ),
    );
  });

  it('gives the same value when cleaned twice, as the tracker does with a stored touch', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ maxLength: 300 }), (field, raw) => {
        const once = attributionValue(field, raw);
        expect(attributionValue(field, once)).toBe(once);
      }),
    );
  });

  it('keeps Polish campaign names and cuts between characters, never inside one', () => {
    expect(attributionValue('campaign', '  Wyprzedaż – 30% ')).toBe('Wyprzedaż – 30%');
    expect(attributionValue('source', 'Google Ads')).toBe('Google_Ads');
    expect(attributionValue('campaign', `${'a'.repeat(99)}𝒜`)).toBe('a'.repeat(99));
    expect(attributionValue('campaign', 'jan@example.pl')).toBeUndefined();
  });
});

describe('events only the server writes', () => {
  it('are purchases and payment outcomes, and the browser schema knows none of them', () => {
    expect(isServerEvent('purchase')).toBe(true);
    expect(isServerEvent('payment_failed')).toBe(true);
    expect(isServerEvent('begin_checkout')).toBe(false);
    const all = checkoutEventSchema.options.map((option) => option.shape.name.value);
    const browser = browserEventSchema.options.map((option) => option.shape.name.value);
    expect(all.filter((name) => !browser.includes(name as never))).toEqual(['payment_failed', 'purchase']);
  });
});

describe('the experiments an event names', () => {
  const event = (experiments: string) =>
    JSON.parse(
      `{"id":"evt_experiments_1","ts":1796585696495,"shopId":"shop_1","name":"field_blur",
        "params":{"field":"email","section":"contact","filled":true},"experiments":${experiments}}`,
    );
  const refusal = (experiments: string) => {
    const result = browserEventSchema.safeParse(event(experiments));
    return result.success ? undefined : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('keeps a record of tokens as it came', () => {
    const parsed = browserEventSchema.parse(
      event('{"checkout-layout":"one-page","payment_order":"blik.first"}'),
    );
    expect(parsed.experiments).toEqual({ 'checkout-layout': 'one-page', payment_order: 'blik.first' });
  });

  it.each([
    ['an own __proto__ key, as JSON.parse makes it', '{"__proto__":"one-page"}', ['experiments.__proto__']],
    ['a key an object inherits', '{"constructor":"one-page"}', ['experiments.constructor']],
    ['a reserved variation', '{"checkout-layout":"prototype"}', ['experiments.checkout-layout']],
    ['a variation that is not a string', '{"checkout-layout":2}', ['experiments.checkout-layout']],
    ['a key that is not a token', '{"checkout layout":"one-page"}', ['experiments.checkout layout']],
    ['each bad entry', '{"a":"ok","b c":"one-page","d":"e f"}', ['experiments.b c', 'experiments.d']],
    ['a list', '["one-page"]', ['experiments']],
    ['null', 'null', ['experiments']],
  ])('refuses %s, naming where', (_, experiments, paths) => {
    expect(refusal(experiments)).toEqual(paths);
  });
});

describe('the campaign fields an event carries', () => {
  const event = (fields: object) => ({
    id: 'evt_touch_1',
    ts: 1_796_585_696_495,
    shopId: 'shop_1',
    name: 'field_blur',
    params: { field: 'email', section: 'contact', filled: true },
    ...fields,
  });
  const parse = (fields: object) => browserEventSchema.safeParse(event(fields));

  it('keeps a touch and a referrer host that are what they should be', () => {
    const touch = { source: 'google', medium: 'cpc', campaign: 'zima-2026 (–20%)' };
    const result = parse({ firstTouch: touch, lastTouch: touch, referrerHost: 'www.google.com' });
    expect(result.data).toMatchObject({
      firstTouch: touch,
      lastTouch: touch,
      referrerHost: 'www.google.com',
    });
  });

  it('leaves out a value that looks like contact data, and a touch with nothing else in it', () => {
    const result = parse({
      firstTouch: { source: 'newsletter', campaign: 'jan@example.pl' },
      lastTouch: { campaign: '512 345 678' },
      referrerHost: '512345678.example.pl',
    });
    expect(result.success).toBe(true);
    expect(result.data?.firstTouch).toEqual({ source: 'newsletter' });
    expect(result.data?.lastTouch).toBeUndefined();
    expect(result.data?.referrerHost).toBeUndefined();
    expect(JSON.parse(JSON.stringify(result.data))).not.toHaveProperty('lastTouch');
  });

  it.each([
    ['a character a source may not have', { lastTouch: { source: 'goo gle' } }, ['lastTouch.source']],
    [
      'each field a touch has wrong',
      { firstTouch: { source: 'a b', medium: 'c d' } },
      ['firstTouch.source', 'firstTouch.medium'],
    ],
    ['a campaign past its length', { lastTouch: { campaign: 'z'.repeat(101) } }, ['lastTouch.campaign']],
    ['a field a touch does not have', { lastTouch: { term: 'buty' } }, ['lastTouch']],
    ['a host that is no host name', { referrerHost: 'not a host name' }, ['referrerHost']],
    ['a host that is not a string', { referrerHost: 42 }, ['referrerHost']],
  ])('refuses %s, naming where', (_, fields, paths) => {
    const result = parse(fields);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(paths);
  });
});
