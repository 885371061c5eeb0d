import type { ErrorCode, PaymentStatusValue } from '@kasa/core';
import { BLIK_APPROVAL_WINDOW_MS } from '@kasa/core';
import { z } from 'zod';

/** An order as `GET /api/v2_1/orders/{id}` and `/orders/ext/{extOrderId}` list it (the fields Kasa reads). */
export const payuOrderSchema = z.object({
  orderId: z.string().min(1),
  extOrderId: z.string().optional(),
  orderCreateDate: z.string().optional(),
  status: z.enum(['NEW', 'PENDING', 'WAITING_FOR_CONFIRMATION', 'COMPLETED', 'CANCELED']),
  totalAmount: z.string().optional(),
  currencyCode: z.string().optional(),
  payMethod: z.object({ type: z.string() }).optional(),
});
export type PayuOrder = z.infer<typeof payuOrderSchema>;

export const payuOrdersAnswerSchema = z.object({ orders: z.array(payuOrderSchema) });

/** `GET /api/v2_1/orders/{id}/transactions`: where BLIK's result code is. */
export const payuTransactionsSchema = z.object({
  transactions: z.array(
    z.object({
      paymentFlow: z.string().optional(),
      resultCode: z.string().optional(),
    }),
  ),
});

export interface Mapped {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
  readonly confirmBy?: number;
}

const isBlik = (order: PayuOrder, paymentFlow?: string) =>
  /BLIK/i.test(order.payMethod?.type ?? '') || /BLIK/i.test(paymentFlow ?? '');

/**
 * Why a BLIK order ended CANCELED, from its transaction's `resultCode`. `REG_ERROR_AUTH_CODE_EXPIRED`
 * and the `AUT_ERROR_*` family are documented; `…AUTH_CODE_USED`, `…AUTH_CODE_CANCELED` and
 * `…TIMEOUT` are read by their words, since PayU's list of literals is not in the reference.
 *
 * @example reasonOfResultCode('REG_ERROR_AUTH_CODE_EXPIRED'); // { status: 'expired', reason: 'blik_code_expired' }
 */
export function reasonOfResultCode(resultCode: string | undefined): Mapped | undefined {
  if (resultCode === undefined || resultCode === '') return undefined;
  const code = resultCode.toUpperCase();
  if (code.includes('AUTH_CODE_EXPIRED')) return { status: 'expired', reason: 'blik_code_expired' };
  if (code.includes('AUTH_CODE_USED')) return { status: 'failed', reason: 'blik_code_used' };
  if (code.includes('AUTH_CODE_CANCEL')) return { status: 'cancelled', reason: 'payment_cancelled' };
  if (code.includes('TIMEOUT')) return { status: 'timeout', reason: 'blik_timeout' };
  if (code.includes('AUTH_CODE')) return { status: 'failed', reason: 'blik_code_format' };
  if (code.startsWith('AUT_ERROR') || code.startsWith('REG_ERROR') || code.includes('DECLINE')) {
    return { status: 'rejected', reason: 'blik_code_rejected' };
  }
  return undefined;
}

/** The end of the confirmation window Kasa shows for a BLIK order: its creation plus 60 s. */
export function confirmByOf(order: PayuOrder): number | undefined {
  const created = order.orderCreateDate === undefined ? Number.NaN : Date.parse(order.orderCreateDate);
  return Number.isNaN(created) ? undefined : created + BLIK_APPROVAL_WINDOW_MS;
}

/**
 * PayU's order in Kasa's terms. COMPLETED is paid; WAITING_FOR_CONFIRMATION (the POS does not
 * collect automatically) is still `pending`; NEW/PENDING wait for the bank app (BLIK) or the
 * shopper on PayU's page; CANCELED takes its reason from the transaction's result code, else it is
 * `cancelled` (a merchant's cancel after the window must not read as the shopper's timeout).
 *
 * @example mapPayuOrder({ orderId: 'X', status: 'COMPLETED' }, undefined); // { status: 'paid' }
 */
export function mapPayuOrder(order: PayuOrder, resultCode: string | undefined, paymentFlow?: string): Mapped {
  const blik = isBlik(order, paymentFlow);
  const confirmBy = blik ? confirmByOf(order) : undefined;
  const window = confirmBy === undefined ? {} : { confirmBy };
  switch (order.status) {
    case 'COMPLETED':
      return { status: 'paid', ...window };
    case 'WAITING_FOR_CONFIRMATION':
      return { status: 'pending', ...window };
    case 'NEW':
      return { status: blik ? 'awaiting_confirmation' : 'redirect', ...window };
    case 'PENDING':
      return { status: blik ? 'awaiting_confirmation' : 'pending', ...window };
    case 'CANCELED': {
      const known = reasonOfResultCode(resultCode);
      if (known !== undefined) return { ...known, ...window };
      // No result code: cancelled (by the merchant's DELETE, or PayU's own end without a word).
      return { status: 'cancelled', reason: 'payment_cancelled', ...window };
    }
  }
}
