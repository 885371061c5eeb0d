import type { PluginFake } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_PROVIDERS, PICKUP_PROVIDERS, pluginNamed } from '../src/plugins/registry.ts';
import { eventually, fragmentRenderer, type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

/**
 * A shop configured with `payments.provider` PayU, Przelewy24 or Stripe and `pickup.provider`
 * InPost takes a BLIK payment end to end against the providers' local fakes: the checkout API, the
 * provider's own HTTP API (and its notification back to Kasa), InPost's points API for the locker.
 */
describe.each(['payu', 'przelewy24', 'stripe'])('a BLIK purchase with payments.provider %s', (provider) => {
  let kasa: Kasa;
  const fakes: PluginFake<unknown>[] = [];
  beforeAll(async () => {
    const payments = await pluginNamed(PAYMENT_PROVIDERS, provider).startFake?.();
    const pickup = await pluginNamed(PICKUP_PROVIDERS, 'inpost').startFake?.();
    if (!payments || !pickup) throw new Error('the provider has no local fake');
    fakes.push(payments, pickup);
    kasa = await startKasa({
      config: {
        payments: { provider, ...(payments.config as object) },
        pickup: { provider: 'inpost', ...(pickup.config as object) },
      },
    });
  });
  afterAll(async () => {
    await kasa?.close();
    await Promise.all(fakes.map((fake) => fake.close()));
  });

  it("offers the provider's BLIK and InPost's lockers, and ends paid", async () => {
    const { id, view, pointId } = await readyCheckout(kasa);
    expect(view.paymentMethods.map((m: { provider: string }) => m.provider)).toContain(provider);
    expect(pointId).not.toMatch(/demo/i);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    expect(placed.status).toBe(200);
    const blik = view.paymentMethods.find((m: { kind: string }) => m.kind === 'blik');
    // Przelewy24 sends regulationAccept for BLIK, so its consent must be ticked before the payment.
    const asksConsent = provider === 'przelewy24';
    expect(Boolean(blik.processorNotice?.requiresConsent)).toBe(asksConsent);
    if (asksConsent) {
      const refused = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'processor_consent_required',
        field: 'processorConsent',
      });
    }
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, {
      blikCode: '777123',
      ...(asksConsent ? { processorConsent: true } : {}),
    });
    expect(started.status).toBe(201);
    const final = await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
      (answer) => !['pending', 'awaiting_confirmation'].includes(answer.body.status),
      20_000,
    );
    expect(
      final.body.status,
      JSON.stringify(final.body) +
        kasa.logs
          .filter((l) => !l.includes('"status":200'))
          .join('\n')
          .slice(-4000),
    ).toBe('paid');
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('paid');
    expect(JSON.stringify(kasa.logs)).not.toContain('777123');
    // The payer's e-mail went to the provider, and to no log.
    expect(JSON.stringify(kasa.logs)).not.toContain(SHOPPER.contact.email);
    const [p24] = fakes;
    if (provider === 'przelewy24' && p24) {
      const { posId, apiKey } = p24.config as { posId: number; apiKey: string };
      const tx = await fetch(`${p24.url}/api/v1/transaction/by/sessionId/${started.body.id}`, {
        headers: { authorization: `Basic ${Buffer.from(`${posId}:${apiKey}`).toString('base64')}` },
      });
      expect(((await tx.json()) as { data: { clientEmail: string } }).data.clientEmail).toBe(
        SHOPPER.contact.email,
      );
    }
  }, 40_000);
});

describe('pickup.provider inpost with a Geowidget token', () => {
  it("puts the merchant's token for the map into the checkout's first view", async () => {
    const pickup = await pluginNamed(PICKUP_PROVIDERS, 'inpost').startFake?.();
    if (!pickup) throw new Error('InPost has no local fake');
    const token = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(40)}.${'b'.repeat(40)}`;
    const kasa = await startKasa({
      config: { pickup: { provider: 'inpost', ...(pickup.config as object), geowidgetToken: token } },
      widget: fragmentRenderer(),
    });
    try {
      const { id } = await readyCheckout(kasa);
      const fragment = await fetch(`${kasa.url}/api/checkouts/${id}/fragment`);
      expect(await fragment.text()).toContain(`"geowidget":{"token":"${token}"`);
    } finally {
      await kasa.close();
      await pickup.close();
    }
  });
});
