import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Przelewy24's `sign`: SHA-384 (hex) of a JSON object whose fields, their order and their types the
 * documentation fixes per request, with the CRC key as the last field `crc`. The JSON is what JS
 * `JSON.stringify` writes: no spaces, slashes and non-ASCII letters left as they are (the doc's PHP
 * equivalent is `json_encode` with `JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES`). Integers stay
 * numbers (`merchantId`, `amount`, `orderId`), everything else is a string, exactly as the doc types it.
 *
 * Each helper below takes its fields in the documented order; the object literal's key order is the
 * serialisation order, so a reorder here is a wrong sign at P24.
 */

/** The JSON the sign is taken over; exported so tests can pin it against the documentation's string. */
export function signPayload(fields: Readonly<Record<string, unknown>>, crc: string): string {
  return JSON.stringify({ ...fields, crc });
}

/** SHA-384 hex of the payload. */
export function signOf(fields: Readonly<Record<string, unknown>>, crc: string): string {
  return createHash('sha384').update(signPayload(fields, crc), 'utf8').digest('hex');
}

/**
 * Compares a received sign with the expected one in constant time.
 *
 * @example signMatches(body.sign, notificationSign(body, crc)); // true for a genuine notification
 */
export function signMatches(received: unknown, expected: string): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(received.toLowerCase(), 'utf8'), Buffer.from(expected, 'utf8'));
}

/**
 * `POST /api/v1/transaction/register`: `{"sessionId":str,"merchantId":int,"amount":int,"currency":str,"crc":str}`.
 *
 * @example registerSign({ sessionId: 'pay_1', merchantId: 999999, amount: 1234, currency: 'PLN' }, 'crc');
 */
export function registerSign(
  t: { sessionId: string; merchantId: number; amount: number; currency: string },
  crc: string,
): string {
  return signOf(
    { sessionId: t.sessionId, merchantId: t.merchantId, amount: t.amount, currency: t.currency },
    crc,
  );
}

/** `PUT /api/v1/transaction/verify`: `{"sessionId":str,"orderId":int,"amount":int,"currency":str,"crc":str}`. */
export function verifySign(
  t: { sessionId: string; orderId: number; amount: number; currency: string },
  crc: string,
): string {
  return signOf({ sessionId: t.sessionId, orderId: t.orderId, amount: t.amount, currency: t.currency }, crc);
}

/** The transaction notification POSTed to `urlStatus` (a successful payment). */
export interface TransactionNotification {
  readonly merchantId: number;
  readonly posId: number;
  readonly sessionId: string;
  readonly amount: number;
  readonly originAmount: number;
  readonly currency: string;
  readonly orderId: number;
  readonly methodId: number;
  readonly statement: string;
}

/** `{"merchantId","posId","sessionId","amount","originAmount","currency","orderId","methodId","statement","crc"}`. */
export function notificationSign(n: TransactionNotification, crc: string): string {
  return signOf(
    {
      merchantId: n.merchantId,
      posId: n.posId,
      sessionId: n.sessionId,
      amount: n.amount,
      originAmount: n.originAmount,
      currency: n.currency,
      orderId: n.orderId,
      methodId: n.methodId,
      statement: n.statement,
    },
    crc,
  );
}

/** The BLIK result notification (`urlCardPaymentNotification`). */
export interface BlikNotification {
  readonly orderId: number;
  readonly sessionId: string;
  readonly method: number;
  /** As received; its own key order is part of the sign. */
  readonly result: Readonly<Record<string, unknown>>;
}

/** `{"orderId":int,"sessionId":str,"method":int,"result":{…},"crc":str}`. */
export function blikNotificationSign(n: BlikNotification, crc: string): string {
  return signOf({ orderId: n.orderId, sessionId: n.sessionId, method: n.method, result: n.result }, crc);
}

/** The refund notification sent to the refund request's `urlStatus`. */
export interface RefundNotification {
  readonly orderId: number;
  readonly sessionId: string;
  readonly refundsUuid: string;
  readonly merchantId: number;
  readonly amount: number;
  readonly currency: string;
  /** 0 completed, 1 rejected. */
  readonly status: number;
}

/** `{"orderId","sessionId","refundsUuid","merchantId","amount","currency","status","crc"}`. */
export function refundNotificationSign(n: RefundNotification, crc: string): string {
  return signOf(
    {
      orderId: n.orderId,
      sessionId: n.sessionId,
      refundsUuid: n.refundsUuid,
      merchantId: n.merchantId,
      amount: n.amount,
      currency: n.currency,
      status: n.status,
    },
    crc,
  );
}
