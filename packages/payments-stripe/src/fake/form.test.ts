import { describe, expect, it } from 'vitest';
import { parseStripeForm } from './form.ts';

describe('parseStripeForm', () => {
  it('decodes nested hashes and indexed lists as the stripe SDK encodes them', () => {
    expect(
      parseStripeForm(
        'amount=12300&allowed_payment_method_types[0]=blik&payment_method_options[blik][code]=777123&metadata[kasa_attempt_id]=pay_1&line_items[0][price_data][unit_amount]=5',
      ),
    ).toEqual({
      amount: '12300',
      allowed_payment_method_types: ['blik'],
      payment_method_options: { blik: { code: '777123' } },
      metadata: { kasa_attempt_id: 'pay_1' },
      line_items: [{ price_data: { unit_amount: '5' } }],
    });
  });

  it('decodes percent-encoded brackets and values', () => {
    expect(parseStripeForm('created%5Bgte%5D=10&query=metadata%5B%27k%27%5D%3A%27v%27')).toEqual({
      created: { gte: '10' },
      query: "metadata['k']:'v'",
    });
  });
});
