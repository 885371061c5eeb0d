/**
 * Test data: an event builder and a small hand-made shop whose metrics are worked out by hand in the
 * tests (see the table below).
 */
import type { CheckoutEvent } from '@kasa/core';
import { summarize } from './summary.ts';
import type { CheckoutSummary } from './types.ts';

export const MIN = 60_000;
export const H = 60 * MIN;
/** 2026-01-01T00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);
/** Ten days later: every checkout but E has left its 24 h window. */
export const NOW = T0 + 240 * H;

type Name = CheckoutEvent['name'];
type Params<N extends Name> = Extract<CheckoutEvent, { name: N }>['params'];
type Context = Partial<Omit<CheckoutEvent, 'name' | 'params' | 'id' | 'ts'>>;

let serial = 0;
/** One event with a fresh id. */
export function event<N extends Name>(
  name: N,
  params: Params<N>,
  ts: number,
  context: Context = {},
): CheckoutEvent {
  serial += 1;
  return {
    id: `evt-${String(serial).padStart(6, '0')}`,
    ts,
    shopId: 'demo',
    ...context,
    name,
    params,
  } as CheckoutEvent;
}

const items = [{ item_id: 'sku-1', quantity: 1, price: 10_000 }];
const google = { source: 'google', medium: 'cpc', campaign: 'zima' };
const facebook = { source: 'facebook', medium: 'paid_social', campaign: 'retargeting' };
const onePage = { 'checkout-layout': 'one-page' };
const multiStep = { 'checkout-layout': 'multi-step' };

/**
 * | id | layout     | device  | last touch | cart view | began     | outcome                                   |
 * |----|------------|---------|------------|-----------|-----------|-------------------------------------------|
 * | A  | one-page   | mobile  | google     | T0        | T0+5m     | paid T0+20m, 200 zł, BLIK (ttp 15 m)      |
 * | B  | one-page   | desktop | direct     | T0+1h     | T0+1h2m   | left at payment / nip, 2 nip errors       |
 * | C  | —          | desktop | direct     | T0+2h     | —         | cart only                                 |
 * | D  | one-page   | desktop | google*    | T0+3h     | T0+3h     | card failed, paid T0+33h, 100 zł (late)   |
 * | E  | one-page   | mobile  | direct     | NOW−12h   | NOW−12h   | paid 10 m later, 50 zł, pbl (pending)     |
 * | F  | multi-step | mobile  | facebook   | T0+4h     | T0+4h1m   | BLIK rejected, timed out, paid T0+4h10m, 300 zł |
 * | G  | multi-step | mobile  | direct     | —         | T0+5h     | email error, left at contact / email      |
 *
 * (*) D's first touch is facebook.
 */
export function handDataset(): CheckoutSummary[] {
  const A = {
    checkoutId: 'A',
    experiments: onePage,
    device: 'mobile',
    firstTouch: google,
    lastTouch: google,
  } as const;
  const B = { checkoutId: 'B', experiments: onePage, device: 'desktop' } as const;
  const C = { checkoutId: 'C', device: 'desktop' } as const;
  const D = {
    checkoutId: 'D',
    experiments: onePage,
    device: 'desktop',
    firstTouch: facebook,
    lastTouch: google,
  } as const;
  const E = { checkoutId: 'E', experiments: onePage, device: 'mobile' } as const;
  const F = {
    checkoutId: 'F',
    experiments: multiStep,
    device: 'mobile',
    firstTouch: facebook,
    lastTouch: facebook,
  } as const;
  const G = { checkoutId: 'G', experiments: multiStep, device: 'mobile' } as const;
  const cart = { value: 10_000, currency: 'PLN', items };
  const paid = (value: number, payment_type: 'blik' | 'card' | 'pbl') =>
    ({ value, currency: 'PLN', transaction_id: 'ord', shipping: 0, tax: 0, items, payment_type }) as const;
  return summarize([
    event('view_cart', cart, T0, A),
    event('begin_checkout', { ...cart, layout: 'one-page' }, T0 + 5 * MIN, A),
    event('add_payment_info', { value: 20_000, currency: 'PLN', payment_type: 'blik' }, T0 + 10 * MIN, A),
    event('purchase', paid(20_000, 'blik'), T0 + 20 * MIN, A),
    event('view_cart', cart, T0 + H, B),
    event('begin_checkout', cart, T0 + H + 2 * MIN, B),
    event('checkout_step_view', { section: 'delivery' }, T0 + H + 4 * MIN, B),
    event('checkout_step_view', { section: 'payment' }, T0 + H + 6 * MIN, B),
    event('field_error', { field: 'nip', section: 'payment', code: 'nip_checksum' }, T0 + H + 7 * MIN, B),
    event('field_error', { field: 'nip', section: 'payment', code: 'nip_checksum' }, T0 + H + 8 * MIN, B),
    event('checkout_abandon', { section: 'payment', last_field: 'nip' }, T0 + H + 9 * MIN, B),
    event('view_cart', cart, T0 + 2 * H, C),
    event('view_cart', cart, T0 + 3 * H, D),
    event('begin_checkout', cart, T0 + 3 * H, D),
    event('checkout_step_view', { section: 'review' }, T0 + 3 * H + 5 * MIN, D),
    event('field_blur', { field: 'terms', section: 'review', filled: true }, T0 + 3 * H + 6 * MIN, D),
    event('payment_failed', { payment_type: 'card', reason: 'payment_failed' }, T0 + 3 * H + 7 * MIN, D),
    event('purchase', paid(10_000, 'card'), T0 + 33 * H, D),
    event('view_cart', cart, NOW - 12 * H, E),
    event('begin_checkout', cart, NOW - 12 * H, E),
    event('purchase', paid(5_000, 'pbl'), NOW - 12 * H + 10 * MIN, E),
    event('view_cart', cart, T0 + 4 * H, F),
    event('begin_checkout', { ...cart, layout: 'multi-step' }, T0 + 4 * H + MIN, F),
    event(
      'field_error',
      { field: 'blikCode', section: 'payment', code: 'blik_code_format' },
      T0 + 4 * H + 3 * MIN,
      F,
    ),
    event('blik_code_submitted', { attempt: 1 }, T0 + 4 * H + 3 * MIN + 1, F),
    event('payment_failed', { payment_type: 'blik', reason: 'blik_code_rejected' }, T0 + 4 * H + 4 * MIN, F),
    event('blik_code_submitted', { attempt: 2 }, T0 + 4 * H + 5 * MIN, F),
    event('payment_failed', { payment_type: 'blik', reason: 'blik_timeout' }, T0 + 4 * H + 6 * MIN, F),
    event('blik_code_submitted', { attempt: 3 }, T0 + 4 * H + 7 * MIN, F),
    event('purchase', paid(30_000, 'blik'), T0 + 4 * H + 10 * MIN, F),
    event('begin_checkout', cart, T0 + 5 * H, G),
    event('field_error', { field: 'email', section: 'contact', code: 'email_invalid' }, T0 + 5 * H + MIN, G),
    event('checkout_abandon', { section: 'contact', last_field: 'email' }, T0 + 5 * H + 2 * MIN, G),
  ]);
}
