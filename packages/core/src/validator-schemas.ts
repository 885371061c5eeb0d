import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import type { Result } from './result.ts';
import {
  normaliseBlikCode,
  validateEmail,
  validateNip,
  validatePhone,
  validatePostcode,
} from './validators.ts';

/** zod schemas over the validators, for request bodies; kept apart so browser code can use the validators without zod. */

export const currencySchema = z.string().regex(/^[A-Z]{3}$/);

export const moneySchema = z.object({
  amount: z.number().int().safe(),
  currency: currencySchema,
});

/**
 * A zod string schema that runs a validator: it outputs the normalised value, and every failure is
 * a zod issue whose message is a Kasa error code ('required', 'too_long', 'wrong_type' or the
 * validator's own), ready for `describeError`.
 *
 * @example
 * const schema = validatedString(validatePostcode, 20);
 * schema.parse('00950'); // '00-950'
 */
export function validatedString(validate: (input: string) => Result<string>, maxLength: number) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? 'required' : 'wrong_type') satisfies ErrorCode,
    })
    .max(maxLength, { error: 'too_long' satisfies ErrorCode })
    .transform((input, ctx) => {
      const result = validate(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.error.code, input });
      return z.NEVER;
    });
}

/** @example postcodeSchema.parse('00950'); // '00-950' */
export const postcodeSchema = validatedString(validatePostcode, 20);
/** @example phoneSchema.parse('512 345 678'); // '+48512345678' */
export const phoneSchema = validatedString(validatePhone, 32);
/** @example nipSchema.parse('PL1234563218'); // '1234563218' */
export const nipSchema = validatedString(validateNip, 32);
/** @example emailSchema.parse('jan@Example.pl'); // 'jan@example.pl' */
export const emailSchema = validatedString(validateEmail, 320);
/** @example blikCodeSchema.parse('123 456'); // '123456' */
export const blikCodeSchema = validatedString(normaliseBlikCode, 16);
