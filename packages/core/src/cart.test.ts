import { describe, expect, it } from 'vitest';
import { cartOfLines, catalogueLine } from './cart.ts';
import { money } from './money.ts';

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
