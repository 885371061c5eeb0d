import { describeStorefrontAdapter } from '@kasa/adapter-testing';
import { money, multiply } from '@kasa/core';
import { createSandboxAdapter } from './adapter.ts';
import { findProduct } from './catalogue.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from './webhook.ts';

const price = (productId: string) => findProduct(productId)?.unitPrice ?? money(0);

describeStorefrontAdapter('sandbox', async () => {
  let crashNext = false;
  const adapter = createSandboxAdapter({
    onAfterPlaceOrder: () => {
      if (!crashNext) return;
      crashNext = false;
      throw new Error('simulated crash after commit');
    },
  });
  return {
    adapter,
    async createCart() {
      const lines = [
        { productId: 'kawa-etiopia-250', quantity: 2 },
        { productId: 'ksiazka-kawa', quantity: 1 },
      ];
      const ref = await adapter.createCart(lines);
      return {
        ref,
        expected: {
          lines: lines.map((l) => ({ ...l, unitPrice: price(l.productId) })),
          subtotal: money(multiply(price('kawa-etiopia-250'), 2).amount + price('ksiazka-kawa').amount),
        },
      };
    },
    async platformOrders() {
      return adapter.listOrders().map((o) => ({
        id: o.id,
        checkoutId: o.checkoutId,
        paid: o.status === 'paid',
        total: o.input.total,
        ...(o.payment ? { transactionId: o.payment.transactionId } : {}),
        ...(o.input.pickupPoint ? { pickupPointId: o.input.pickupPoint.id } : {}),
        ...(o.input.company ? { nip: o.input.company.nip } : {}),
      }));
    },
    signWebhook: (body) => ({ headers: { [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body) }, body }),
    crashAfterNextPlaceOrder: () => {
      crashNext = true;
    },
    close: () => adapter.close(),
  };
});
