import { describe, expect, it } from 'vitest';
import { cartOfLines, catalogueLine } from './cart.ts';
import { money } from './money.ts';
import { CART_REF_MAX, cartSchema } from './schemas.ts';

const kubek = { id: 'kubek-350', name: 'Kubek 350 ml', unitPrice: money(3900), vatRate: 23 };

describe('a cart priced from a catalogue', () => {
  it('prices each line at the gross unit price times the quantity, and sums the lines', () => {
    const drip = { ...kubek, id: 'drip', unitPrice: money(1250), imageUrl: 'https://shop.example/d.png' };
    const cart = cartOfLines('cart_1', 'PLN', [catalogueLine(kubek, 2), catalogueLine(drip, 3)]);
    expect(cart.lines.map((line) => line.total.amount)).toEqual([7800, 3750]);
    expect(cart.subtotal).toEqual(money(11550));
    expect(cart.lines[0]).not.toHaveProperty('imageUrl');
    expect(cart.lines[1]?.imageUrl).toBe('https://shop.example/d.png');
  });
});

describe('a cart ref', () => {
  // A WooCommerce guest's Store API Cart-Token as the real shop issues it: a JWT of 212 characters.
  const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(
    JSON.stringify({ user_id: `t_${'9'.repeat(30)}`, exp: 1796582085, iss: 'store-api', iat: 1796409285 }),
  ).toString('base64url')}.${'x'.repeat(43)}`;

  it('takes a platform token as long as a WooCommerce Cart-Token, and refuses one past the bound', () => {
    expect(jwt.length).toBeGreaterThan(200);
    expect(cartSchema.safeParse(cartOfLines(jwt, 'PLN', [catalogueLine(kubek, 1)])).success).toBe(true);
    const tooLong = cartSchema.safeParse(cartOfLines('r'.repeat(CART_REF_MAX + 1), 'PLN', []));
    expect(tooLong.error?.issues[0]).toMatchObject({ path: ['ref'], message: 'too_long' });
  });
});
