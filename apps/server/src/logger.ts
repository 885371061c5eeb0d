import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys that may hold personal data or a BLIK code. The server never logs bodies; this list is the
 * second line of defence should an object with such a key reach a log call.
 */
const PERSONAL_KEYS = [
  'email',
  'payerEmail',
  'phone',
  'firstName',
  'lastName',
  'name',
  'address',
  'street',
  'buildingNumber',
  'flatNumber',
  'postcode',
  'city',
  'nip',
  'company',
  'contact',
  'blikCode',
  'body',
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'kasa' },
      redact: { paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((key) => `*.${key}`)], censor: '[redacted]' },
    },
    options.destination,
  );
}
