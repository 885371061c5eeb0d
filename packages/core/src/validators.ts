/**
 * Validators for the Polish checkout fields. Each one forgives how people type (spaces, dashes,
 * prefixes) and returns the single normalised form Kasa stores, or the error code to show.
 */
import { fail, ok, type Result } from './result.ts';

const isBlank = (input: string): boolean => input.trim() === '';

/**
 * A Polish postcode, normalised to NN-NNN.
 *
 * @example validatePostcode(' 00950 '); // { ok: true, value: '00-950' }
 */
export function validatePostcode(input: string): Result<string> {
  if (isBlank(input)) return fail({ code: 'required' });
  const match = /^(\d{2})-?(\d{3})$/.exec(input.trim());
  return match ? ok(`${match[1]}-${match[2]}`) : fail({ code: 'postcode_invalid' });
}

/**
 * A Polish phone number, normalised to +48 and nine digits.
 *
 * @example validatePhone('0048 (22) 123-45-67'); // { ok: true, value: '+48221234567' }
 */
export function validatePhone(input: string): Result<string> {
  if (isBlank(input)) return fail({ code: 'required' });
  const compact = input.replace(/[\s.()-]/g, '');
  // A bare 48 is a country code only when it leaves nine digits; 48 is also the Radom area code.
  const national = compact.replace(/^(?:\+48|0048|48(?=\d{9}$))/, '');
  // Polish numbers have no trunk 0, so a leading 0 means a foreign or mistyped number.
  return /^[1-9]\d{8}$/.test(national) ? ok(`+48${national}`) : fail({ code: 'phone_invalid' });
}

/**
 * Formats a phone number the way Poles write mobiles; returns input it cannot parse unchanged.
 *
 * @example formatPhone('+48512345678'); // '512 345 678'
 */
export function formatPhone(input: string): string {
  const result = validatePhone(input);
  if (!result.ok) return input;
  return result.value.slice(3).replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/**
 * The NIP check digit for nine digits, or undefined when no check digit exists (remainder 10).
 *
 * @example nipCheckDigit('123456321'); // 8
 */
export function nipCheckDigit(firstNine: string): number | undefined {
  let total = 0;
  NIP_WEIGHTS.forEach((weight, i) => {
    total += weight * Number(firstNine[i]);
  });
  const remainder = total % 11;
  return remainder === 10 ? undefined : remainder;
}

/**
 * A Polish tax id (NIP), normalised to ten digits; accepts a PL prefix, spaces and dashes.
 *
 * @example validateNip('PL 123-456-32-18'); // { ok: true, value: '1234563218' }
 * @example validateNip('1234563219'); // { ok: false, error: { code: 'nip_checksum' } }
 */
export function validateNip(input: string): Result<string> {
  if (isBlank(input)) return fail({ code: 'required' });
  const digits = input.trim().replace(/^pl/i, '').replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return fail({ code: 'nip_invalid' });
  const check = nipCheckDigit(digits.slice(0, 9));
  return check === Number(digits[9]) ? ok(digits) : fail({ code: 'nip_checksum' });
}

const EMAIL_MAX = 254;
const LOCAL_MAX = 64;
// Characters that only appear in quoted local parts, which shoppers do not use.
const LOCAL_PART = /^[^\s\p{Cc}@"(),:;<>[\]\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/**
 * A pragmatic e-mail check that catches typos without rejecting real addresses (including
 * internationalised domains). Trims and lower-cases the domain; the local part is kept as typed.
 *
 * @example validateEmail(' Jan.Kowalski@Example.PL '); // { ok: true, value: 'Jan.Kowalski@example.pl' }
 */
export function validateEmail(input: string): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail({ code: 'required' });
  const parts = trimmed.split('@');
  if (parts.length !== 2) return fail({ code: 'email_invalid' });
  const [local = '', rawDomain = ''] = parts;
  const domain = rawDomain.normalize('NFC').toLowerCase();
  const labels = domain.split('.');
  const valid =
    local.length <= LOCAL_MAX &&
    LOCAL_PART.test(local) &&
    !/^\.|\.\.|\.$/.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels.at(-1) ?? '');
  const email = `${local}@${domain}`;
  return valid && email.length <= EMAIL_MAX ? ok(email) : fail({ code: 'email_invalid' });
}

/**
 * A BLIK code as six digits, kept as a string so leading zeros survive.
 *
 * @example normaliseBlikCode('012 345'); // { ok: true, value: '012345' }
 */
export function normaliseBlikCode(input: string): Result<string> {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? ok(digits) : fail({ code: 'blik_code_format' });
}

/**
 * Formats a complete or partly typed BLIK code as "NNN NNN", dropping anything but digits.
 *
 * @example formatBlikCode('123456'); // '123 456'
 * @example formatBlikCode('1234'); // '123 4'
 */
export function formatBlikCode(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 6);
  return digits.length > 3 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
}
