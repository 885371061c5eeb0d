import { describe, expect, it } from 'vitest';
import { handedOffOrderOf } from './handed-off-order.ts';

const body = (overrides: Record<string, unknown> = {}) => ({
  id: 5_001_001,
  name: '#1001',
  created_at: '2026-12-05T02:00:00Z',
  currency: 'PLN',
  total_price: '112.79',
  financial_status: 'pending',
  note_attributes: [
    { name: 'inpost_point', value: 'KRA010' },
    { name: 'kasa_checkout_id', value: 'chk_abc' },
  ],
  ...overrides,
});

describe('handedOffOrderOf', () => {
  it('reads the checkout id, the order and its total from the order webhook body', () => {
    expect(handedOffOrderOf(body(), 'order.created')).toEqual({
      checkoutId: 'chk_abc',
      order: {
        id: '5001001',
        number: '1001',
        total: { amount: 11_279, currency: 'PLN' },
        createdAt: '2026-12-05T02:00:00.000Z',
      },
      paid: false,
    });
  });

  it('is paid on orders/paid or a paid financial status', () => {
    expect(handedOffOrderOf(body(), 'order.paid')?.paid).toBe(true);
    expect(handedOffOrderOf(body({ financial_status: 'paid' }), 'order.created')?.paid).toBe(true);
  });

  it('is nothing for an order without a usable kasa_checkout_id, or a body that is no order', () => {
    expect(handedOffOrderOf(body({ note_attributes: [] }), 'order.created')).toBeUndefined();
    expect(
      handedOffOrderOf(
        body({ note_attributes: [{ name: 'kasa_checkout_id', value: '../x y' }] }),
        'order.created',
      ),
    ).toBeUndefined();
    expect(handedOffOrderOf({ id: 1 }, 'order.created')).toBeUndefined();
    expect(handedOffOrderOf('nope', 'order.created')).toBeUndefined();
  });
});
