import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import { describeError, fail, ok } from './errors.ts';
import { blikCodeSchema, emailSchema, nipSchema, phoneSchema, postcodeSchema } from './validator-schemas.ts';
import {
  formatBlikCode,
  formatPhone,
  nipCheckDigit,
  normaliseBlikCode,
  validateEmail,
  validateNip,
  validatePhone,
  validatePostcode,
} from './validators.ts';

/** The NIP check digit computed straight from the definition, independently of the module. */
function checkDigitByDefinition(nine: string): number {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const total = weights.reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return total % 11;
}

describe('validatePostcode', () => {
  it.each([
    ['00-950', '00-950'],
    ['00950', '00-950'],
    ['  31-564 ', '31-564'],
    ['\t80-001\n', '80-001'],
  ])('accepts %j as %j', (input, value) => {
    expect(validatePostcode(input)).toEqual(ok(value));
  });

  it.each(['0-950', '00-9500', '00 950', '00–950', 'AB-123', '00-95a', '009501'])('rejects %j', (input) => {
    expect(validatePostcode(input)).toEqual(fail({ code: 'postcode_invalid' }));
  });

  it('asks for a value when the postcode is blank', () => {
    expect(validatePostcode('  ')).toEqual(fail({ code: 'required' }));
  });
});

describe('validatePhone', () => {
  it.each([
    ['512345678', '+48512345678'],
    ['512 345 678', '+48512345678'],
    ['512-345-678', '+48512345678'],
    ['512.345.678', '+48512345678'],
    ['+48 512 345 678', '+48512345678'],
    ['+48512345678', '+48512345678'],
    ['0048 512 345 678', '+48512345678'],
    ['48512345678', '+48512345678'],
    ['(+48) 512-345-678', '+48512345678'],
    ['+48 (22) 123 45 67', '+48221234567'],
    ['481234567', '+48481234567'], // a Radom landline, not a 48 prefix
  ])('accepts %j as %j', (input, value) => {
    expect(validatePhone(input)).toEqual(ok(value));
  });

  it.each([
    ['letters', '512 345 67a'],
    ['8 national digits', '51234567'],
    ['10 national digits', '5123456789'],
    ['a trunk 0', '0512345678'],
    ['a national number starting with 0', '012345678'],
    ['another country code', '+49 151 2345678'],
    ['a 48 prefix with too few digits', '4851234567'],
    ['a doubled prefix', '+48 0048 512345678'],
    ['a plus in the middle', '512+345678'],
    ['other separators', '512/345/678'],
  ])('rejects a number with %s', (_, input) => {
    expect(validatePhone(input)).toEqual(fail({ code: 'phone_invalid' }));
  });

  it('asks for a value when the phone is blank', () => {
    expect(validatePhone('')).toEqual(fail({ code: 'required' }));
  });

  it('formats a number in three groups of three digits', () => {
    expect(formatPhone('+48512345678')).toBe('512 345 678');
    expect(formatPhone('0048512345678')).toBe('512 345 678');
  });

  it('leaves a number it cannot parse as it was', () => {
    expect(formatPhone('+49 151 2345678')).toBe('+49 151 2345678');
  });
});

describe('validateNip', () => {
  it.each([
    ['123-456-32-18', '1234563218'],
    ['1234563218', '1234563218'],
    ['PL1234563218', '1234563218'],
    ['pl 123 456 32 18', '1234563218'],
    ['  Pl-123-45-63-218  ', '1234563218'],
  ])('accepts %j as %j', (input, value) => {
    expect(validateNip(input)).toEqual(ok(value));
  });

  it.each(['526025099', '951357246', '000000001', '987654321'])(
    'accepts the NIP computed by the algorithm from %s',
    (nine) => {
      const check = checkDigitByDefinition(nine);
      expect(check).not.toBe(10);
      expect(nipCheckDigit(nine)).toBe(check);
      expect(validateNip(`${nine}${check}`)).toEqual(ok(`${nine}${check}`));
    },
  );

  it('rejects a NIP with a wrong check digit', () => {
    expect(validateNip('1234563219')).toEqual(fail({ code: 'nip_checksum' }));
  });

  it('rejects a NIP whose weighted sum leaves remainder 10, whatever the last digit', () => {
    const withTen = Array.from({ length: 1000 }, (_, i) => String(i).padStart(9, '0')).find(
      (candidate) => checkDigitByDefinition(candidate) === 10,
    );
    expect(withTen).toBeDefined();
    expect(nipCheckDigit(withTen ?? '')).toBeUndefined();
    for (let last = 0; last <= 9; last++) {
      expect(validateNip(`${withTen}${last}`)).toEqual(fail({ code: 'nip_checksum' }));
    }
  });

  it.each([
    ['9 digits', '123456321'],
    ['11 digits', '12345632180'],
    ['letters', '123456321A'],
    ['another country prefix', 'DE1234563218'],
    ['a prefix in the wrong place', '1234563218PL'],
    ['dots', '123.456.32.18'],
  ])('rejects a NIP with %s as not a NIP', (_, input) => {
    expect(validateNip(input)).toEqual(fail({ code: 'nip_invalid' }));
  });

  it('accepts a valid NIP and rejects it after any single-digit change', () => {
    const nineDigits = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
      .map((ds) => ds.join(''))
      .filter((nine) => checkDigitByDefinition(nine) !== 10);
    const position = fc.integer({ min: 0, max: 9 });
    const shift = fc.integer({ min: 1, max: 9 });
    fc.assert(
      fc.property(nineDigits, position, shift, (nine, at, by) => {
        const nip = `${nine}${checkDigitByDefinition(nine)}`;
        expect(validateNip(nip)).toEqual(ok(nip));
        const changed = String((Number(nip[at]) + by) % 10);
        const typo = nip.slice(0, at) + changed + nip.slice(at + 1);
        expect(validateNip(typo)).toEqual(fail({ code: 'nip_checksum' }));
      }),
    );
  });
});

describe('validateEmail', () => {
  it.each([
    ['jan@example.pl', 'jan@example.pl'],
    ['  jan@example.pl  ', 'jan@example.pl'],
    ['Jan.Kowalski@Example.PL', 'Jan.Kowalski@example.pl'],
    ['jan+sklep@poczta.onet.pl', 'jan+sklep@poczta.onet.pl'],
    ['a@b.co', 'a@b.co'],
    ['jan@sklep-online.com.pl', 'jan@sklep-online.com.pl'],
    ['jan@ŻÓŁW.pl', 'jan@żółw.pl'],
    ['jan@xn--w-uga1v8h.pl', 'jan@xn--w-uga1v8h.pl'],
    ['jan@例え.テスト', 'jan@例え.テスト'],
    [`${'a'.repeat(64)}@example.pl`, `${'a'.repeat(64)}@example.pl`],
  ])('accepts %j as %j', (input, value) => {
    expect(validateEmail(input)).toEqual(ok(value));
  });

  it.each([
    ['no @', 'jan.example.pl'],
    ['two @', 'jan@kowalski@example.pl'],
    ['an empty local part', '@example.pl'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.pl`],
    ['no dot in the domain', 'jan@localhost'],
    ['an empty domain label', 'jan@example..pl'],
    ['a trailing dot', 'jan@example.pl.'],
    ['a label starting with a hyphen', 'jan@-example.pl'],
    ['a label ending with a hyphen', 'jan@example-.pl'],
    ['an underscore in the domain', 'jan@ex_ample.pl'],
    ['a numeric top-level domain', 'jan@example.123'],
    ['a one-letter top-level domain', 'jan@example.p'],
    ['a space inside', 'jan kowalski@example.pl'],
    ['a comma', 'jan,k@example.pl'],
    ['a leading dot', '.jan@example.pl'],
    ['two dots in a row', 'jan..k@example.pl'],
    ['a domain label over 63 characters', `jan@${'a'.repeat(64)}.pl`],
    ['more than 254 characters', `jan@${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.pl`],
  ])('rejects an address with %s', (_, input) => {
    expect(validateEmail(input)).toEqual(fail({ code: 'email_invalid' }));
  });

  it('asks for a value when the address is blank', () => {
    expect(validateEmail(' ')).toEqual(fail({ code: 'required' }));
  });
});

describe('BLIK codes', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    [' 012 345 ', '012345'],
    ['000000', '000000'],
  ])('normalises %j to %j', (input, value) => {
    expect(normaliseBlikCode(input)).toEqual(ok(value));
  });

  it.each(['', '12345', '1234567', '12a456', '123_456', '１２３４５６'])('rejects %j', (input) => {
    expect(normaliseBlikCode(input)).toEqual(fail({ code: 'blik_code_format' }));
  });

  it.each([
    ['123456', '123 456'],
    ['012345', '012 345'],
    ['1234', '123 4'],
    ['123', '123'],
    ['1', '1'],
    ['', ''],
    ['123 456', '123 456'],
    ['1234567', '123 456'],
  ])('formats %j as %j while typing', (input, text) => {
    expect(formatBlikCode(input)).toBe(text);
  });
});

describe('zod schemas', () => {
  it('outputs the normalised value', () => {
    expect(postcodeSchema.safeParse('00950')).toEqual({ success: true, data: '00-950' });
    expect(phoneSchema.parse('0048 512 345 678')).toBe('+48512345678');
    expect(nipSchema.parse('PL 123-456-32-18')).toBe('1234563218');
    expect(emailSchema.parse('Jan@Example.PL')).toBe('Jan@example.pl');
    expect(blikCodeSchema.parse('012 345')).toBe('012345');
  });

  const messagesOf = (result: { error?: { issues: { message: string }[] } }) =>
    result.error?.issues.map((issue) => issue.message);

  it.each<[string, { safeParse: (v: unknown) => object }, unknown, ErrorCode]>([
    ['postcode', postcodeSchema, '00-95', 'postcode_invalid'],
    ['phone', phoneSchema, '12345', 'phone_invalid'],
    ['NIP', nipSchema, '1234563219', 'nip_checksum'],
    ['NIP', nipSchema, '12345', 'nip_invalid'],
    ['e-mail', emailSchema, 'jan@', 'email_invalid'],
    ['BLIK code', blikCodeSchema, '12345', 'blik_code_format'],
    ['postcode', postcodeSchema, '', 'required'],
    ['postcode', postcodeSchema, undefined, 'required'],
    ['postcode', postcodeSchema, 12345, 'wrong_type'],
    ['postcode', postcodeSchema, '0'.repeat(21), 'too_long'],
    ['e-mail', emailSchema, `${'a'.repeat(400)}@example.pl`, 'too_long'],
  ])('reports an invalid %s as the code of a zod issue (%j → %s)', (_, schema, input, code) => {
    const result = schema.safeParse(input) as { success: boolean; error?: { issues: { message: string }[] } };
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual([code]);
  });

  it('reports the field path when used inside an object schema', () => {
    const checkout = z.object({ delivery: z.object({ postcode: postcodeSchema, phone: phoneSchema }) });
    const result = checkout.safeParse({ delivery: { postcode: 'x', phone: '512345678' } });
    expect(result.error?.issues).toMatchObject([
      { message: 'postcode_invalid', path: ['delivery', 'postcode'] },
    ]);
    expect(checkout.parse({ delivery: { postcode: '00950', phone: '512345678' } })).toEqual({
      delivery: { postcode: '00-950', phone: '+48512345678' },
    });
  });
});

describe('error messages', () => {
  const codes: ErrorCode[] = [
    'postcode_invalid',
    'phone_invalid',
    'nip_invalid',
    'nip_checksum',
    'email_invalid',
    'blik_code_format',
    'required',
    'too_long',
    'wrong_type',
  ];

  it.each(codes)('has distinct non-empty Polish and English messages for %s', (code) => {
    const pl = describeError({ code }, 'pl').message;
    const en = describeError({ code }, 'en').message;
    expect(pl).not.toBe('');
    expect(en).not.toBe('');
    expect(pl).not.toBe(en);
  });
});
