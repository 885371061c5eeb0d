/**
 * The PayU notification body: `{ order: { orderId, extOrderId, status, totalAmount, currencyCode, … }, … }`.
 * Shared by the sandbox (which sends it) and a real PayU provider (which receives it).
 */
import type { Money, PaymentNotification, PaymentStatusValue, RawRequest } from '@kasa/core';
import { KasaError } from '@kasa/core';
import { z } from 'zod';
import type { PayuSignatureAlgorithm } from './payu-signature.ts';
import { payuSignatureHeader, verifyPayuSignature } from './payu-signature.ts';

export const payuOrderStatusSchema = z.enum([
  'NEW',
  'PENDING',
  'WAITING_FOR_CONFIRMATION',
  'COMPLETED',
  'CANCELED',
]);
export type PayuOrderStatus = z.infer<typeof payuOrderStatusSchema>;

/** Only the fields Kasa reads; PayU sends more (products, buyer, properties…), which are ignored. */
export const payuNotificationSchema = z.object({
  order: z.object({
    orderId: z.string().min(1).max(100),
    extOrderId: z.string().max(200).optional(),
    status: payuOrderStatusSchema,
    /** Minor units as a string, e.g. '12300' for 123,00 zł. */
    totalAmount: z.string().regex(/^\d{1,15}$/),
    currencyCode: z.string().regex(/^[A-Z]{3}$/),
  }),
});
export type PayuNotification = z.infer<typeof payuNotificationSchema>;

/**
 * PayU's order status in Kasa's terms. PayU ends every unsuccessful payment as CANCELED, so the reason
 * (declined, timed out…) is only available from the provider's status call.
 *
 * @example fromPayuStatus('COMPLETED'); // 'paid'
 */
export function fromPayuStatus(status: PayuOrderStatus): PaymentStatusValue {
  switch (status) {
    case 'COMPLETED':
      return 'paid';
    case 'CANCELED':
      return 'cancelled';
    default:
      // WAITING_FOR_CONFIRMATION means the merchant must still collect authorised funds: not paid yet.
      return 'pending';
  }
}

/**
 * Kasa's status as the PayU order status a notification carries.
 *
 * @example toPayuStatus('timeout'); // 'CANCELED'
 */
export function toPayuStatus(status: PaymentStatusValue): PayuOrderStatus {
  if (status === 'paid') return 'COMPLETED';
  if (status === 'redirect') return 'NEW';
  if (status === 'pending' || status === 'awaiting_confirmation') return 'PENDING';
  return 'CANCELED';
}

/**
 * The raw JSON body of a PayU-style notification.
 *
 * @example payuNotificationBody({ orderId: 'SBX1', extOrderId: 'att_1', status: 'COMPLETED', amount: money(12300) });
 * // '{"order":{"orderId":"SBX1","extOrderId":"att_1","status":"COMPLETED","totalAmount":"12300","currencyCode":"PLN"}}'
 */
export function payuNotificationBody(input: {
  orderId: string;
  extOrderId: string;
  status: PayuOrderStatus;
  amount: Money;
}): string {
  const order = {
    orderId: input.orderId,
    extOrderId: input.extOrderId,
    status: input.status,
    totalAmount: String(input.amount.amount),
    currencyCode: input.amount.currency,
  };
  return JSON.stringify({ order });
}

/**
 * A notification ready to POST: the raw body and its headers, signed like PayU (SHA-256 by default).
 *
 * @example const { body, headers } = signedPayuNotification({ orderId, extOrderId, status: 'COMPLETED', amount }, key);
 */
export function signedPayuNotification(
  input: Parameters<typeof payuNotificationBody>[0],
  secondKey: string,
  algorithm: PayuSignatureAlgorithm = 'SHA-256',
): { body: string; headers: Readonly<Record<string, string>> } {
  const body = payuNotificationBody(input);
  const headers = {
    'Content-Type': 'application/json',
    'OpenPayU-Signature': payuSignatureHeader(body, secondKey, algorithm),
  };
  return { body, headers };
}

/** Parses a raw body; throws KasaError('notification_invalid') when it is not JSON of the expected shape. */
export function parsePayuNotification(rawBody: string): PayuNotification {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (cause) {
    throw new KasaError('notification_invalid', { cause, details: { reason: 'body_not_json' } });
  }
  const parsed = payuNotificationSchema.safeParse(json);
  if (!parsed.success) {
    throw new KasaError('notification_invalid', { cause: parsed.error, details: { reason: 'body_shape' } });
  }
  return parsed.data;
}

/**
 * Verifies the signature over the raw body, then parses it. Throws KasaError('notification_invalid').
 *
 * @example await provider.verifyNotification({ headers, body }); // { providerRef: 'SBX…', attemptId: 'pay_…', status: 'paid' }
 */
export function verifyPayuNotification(req: RawRequest, secondKey: string): PaymentNotification {
  verifyPayuSignature(req, secondKey);
  const { order } = parsePayuNotification(req.body);
  return {
    providerRef: order.orderId,
    ...(order.extOrderId === undefined ? {} : { attemptId: order.extOrderId }),
    status: fromPayuStatus(order.status),
  };
}
