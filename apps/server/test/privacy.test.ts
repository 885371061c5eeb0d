import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { logLevel: 'trace' } });
});
afterAll(() => kasa.close());

describe('logs', () => {
  it('never contain an e-mail, phone, name, address or BLIK code', async () => {
    const { id, view } = await readyCheckout(kasa);
    const courier = view.shippingOptions.find((option: { kind: string }) => option.kind === 'courier');
    await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: courier.id,
      address: SHOPPER.address,
    });
    await kasa.api('PUT', `/api/checkouts/${id}/contact`, { ...SHOPPER.contact, email: 'not-an-email' });
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777 314' });
    await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
      (r) => r.body.status === 'paid',
    );
    await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '12' });

    const logs = kasa.logs.join('\n');
    expect(kasa.logs.length).toBeGreaterThan(8);
    const secrets = [
      SHOPPER.contact.email,
      'not-an-email',
      '512345678',
      '512 345 678',
      SHOPPER.contact.firstName,
      SHOPPER.contact.lastName,
      SHOPPER.address.street,
      SHOPPER.address.postcode,
      '777314',
      '777 314',
    ];
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
