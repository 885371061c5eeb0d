import { describe, expect, it } from 'vitest';
import { alertLine } from './alerts.ts';
import type { MerchantAlert } from './api.ts';
import { MESSAGES } from './messages.ts';

const base: MerchantAlert = {
  code: 'payment_refunded',
  checkoutId: 'chk_1',
  orderId: 'ord_1',
  paymentId: 'pay_1',
  provider: 'sandbox',
  since: '2026-11-20T10:00:00.000Z',
};

describe('alert lines', () => {
  it('says who asked for a refund Kasa made, with the provider’s refund id', () => {
    const line = alertLine({ ...base, requestedBy: 'shop_webhook', refundRef: 'RFND1' }, MESSAGES.pl);
    expect(line).toBe(
      'Zamówienie anulowane lub zwrócone w sklepie: Kasa zwróciła płatność. (płatność pay_1, zamówienie ord_1, zwrot RFND1)',
    );
    expect(alertLine({ ...base, requestedBy: 'merchant' }, MESSAGES.en)).toBe(
      'Kasa refunded the payment as you asked. (payment pay_1, order ord_1)',
    );
  });

  it('keeps the words for Kasa’s own refund of an order the shop never confirmed', () => {
    expect(alertLine(base, MESSAGES.en)).toBe(
      'The shop never confirmed the order: Kasa refunded the payment. (payment pay_1, order ord_1)',
    );
  });

  it('tells the merchant to ask again after a failed refund, with its cause', () => {
    const line = alertLine({ ...base, code: 'refund_failed', cause: 'upstream_unavailable' }, MESSAGES.pl);
    expect(line).toContain('Zwrot nie powiódł się');
    expect(line).toContain('kasa refund');
    expect(line).toContain('przyczyna upstream_unavailable');
  });
});
