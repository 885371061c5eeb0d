import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { cartRef } from './module-client.ts';
import { kasaNote } from './note.ts';
import { signPrestaShopWebhook } from './webhook.ts';

/**
 * The PHP module (examples/prestashop-module) and this adapter must agree byte for byte on the
 * signed cart reference, the webhook signature and the customer note. Runs the module's own code
 * when a PHP CLI is installed.
 */

const script = fileURLToPath(
  new URL('../../../../examples/prestashop-module/tests/compat.php', import.meta.url),
);

function php(input: unknown): Record<string, unknown> | undefined {
  try {
    return JSON.parse(execFileSync('php', [script], { input: JSON.stringify(input), encoding: 'utf8' }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

describe('the Kasa PrestaShop module agrees with the adapter', () => {
  it('on the cart reference, the webhook signature and the customer note', (ctx) => {
    const key = 'a3f1c0ffee'.repeat(4);
    const body = JSON.stringify({
      topic: 'order.paid',
      orderId: '7',
      reference: 'XKBKNABJK',
      name: 'Zażółć',
    });
    const secret = 'w'.repeat(40);
    const note = kasaNote('chk_5f1e', money(12345), true);
    const out = php({ key, cartId: 7, ref: cartRef(7, key), body, secret, note });
    if (out === undefined) return ctx.skip();
    expect(out).toEqual({
      cartRef: cartRef(7, key),
      cartIdFromRef: 7,
      forged: 0,
      signature: signPrestaShopWebhook(body, secret),
      note: { checkout: 'chk_5f1e', total: '123.45', currency: 'PLN', cancelled: true },
    });
  });
});
