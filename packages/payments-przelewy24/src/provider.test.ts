import { serveFake } from '@kasa/adapter-testing/faults';
import { KasaError, money, type StartPayment } from '@kasa/core';
import { manualClock } from '@kasa/payment-testing';
import { afterEach, describe, expect, it } from 'vitest';
import { przelewy24ConfigSchema } from './config.ts';
import { type P24Fake, startPrzelewy24Fake } from './fake/index.ts';
import { diagnosePrzelewy24, przelewy24Plugin } from './plugin.ts';
import { createPrzelewy24Provider } from './provider.ts';

let fake: P24Fake | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake?.close();
  for (const close of closers.splice(0)) await close();
});

let n = 0;
function input(kind: 'blik' | 'pbl', blikCode?: string): StartPayment {
  n += 1;
  return {
    attemptId: `pay_unit_${Date.now()}_${n}`,
    orderId: `ord_${n}`,
    method: { id: kind, kind, provider: 'przelewy24', label: kind },
    amount: money(4_999),
    description: `Zamówienie ${n}`,
    ...(blikCode ? { blikCode } : {}),
    customerIp: '127.0.0.1',
    returnUrl: 'http://127.0.0.1:3000/return',
    notifyUrl: 'http://127.0.0.1:9/notify',
  };
}

async function setup(options: { regulationAccept?: boolean } = {}) {
  const clock = manualClock();
  fake = await startPrzelewy24Fake({ now: clock.now, answerAfterMs: 1_000 });
  const config = przelewy24ConfigSchema.parse({
    ...fake.credentials,
    baseUrl: fake.url,
    timeoutMs: 500,
    payerEmailFallback: 'sklep@example.com',
    ...options,
  });
  const provider = createPrzelewy24Provider({ config, now: clock.now });
  return { clock, fake, provider, config };
}

describe('Przelewy24 provider on the fake', () => {
  it('verifies a paid transaction exactly once, even when status is asked twice at once, before saying paid', async () => {
    const { clock, fake, provider } = await setup();
    const attempt = await provider.start(input('blik', '777123'));
    clock.advance(1_000);
    const [a, b] = await Promise.all([
      provider.status(attempt.providerRef),
      provider.status(attempt.providerRef),
    ]);
    expect(a?.status).toBe('paid');
    expect(b?.status).toBe('paid');
    expect(fake.transaction(attempt.providerRef)?.verifyCalls).toBe(1);
    expect(fake.settled(attempt.providerRef)).toBe(true);
    await provider.status(attempt.providerRef);
    expect(fake.transaction(attempt.providerRef)?.verifyCalls).toBe(1);
  });

  it('the fake settles nothing unverified and refunds only what was settled', async () => {
    const { clock, fake, provider } = await setup();
    const attempt = await provider.start(input('blik', '777123'));
    clock.advance(1_000);
    await fake.pay(attempt.providerRef); // plays the due approval
    expect(fake.transaction(attempt.providerRef)?.status).toBe(1);
    expect(fake.settled(attempt.providerRef)).toBe(false);
    // refund() verifies first (an advance payment cannot be refunded), then refunds once.
    const refund = await provider.refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' });
    expect(fake.transaction(attempt.providerRef)).toMatchObject({ status: 3, refunds: 1, verifyCalls: 1 });
    expect(await provider.refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' })).toEqual(
      refund,
    );
    expect(fake.transaction(attempt.providerRef)?.refunds).toBe(1);
  });

  it('a bank approval after Kasa cancelled is reported paid: P24 cannot cancel, the money is not hidden', async () => {
    const { fake, provider } = await setup();
    const attempt = await provider.start(input('blik', '999123'));
    expect((await provider.cancel(attempt.providerRef))?.status).toBe('cancelled');
    expect(await fake.pay(attempt.providerRef)).toBe(true);
    expect((await provider.status(attempt.providerRef))?.status).toBe('paid');
  });

  it('a declined code is rejected once the BLIK result notification arrives, not before', async () => {
    const { clock, fake, provider } = await setup();
    const received: string[] = [];
    const receiver = await serveFake({
      handler: async (req) => {
        received.push(req.body);
        await provider.verifyNotification({
          headers: { 'content-type': 'application/json' },
          body: req.body,
        });
        return { status: 200 };
      },
    });
    closers.push(receiver.close);
    const attempt = await provider.start({ ...input('blik', '500500'), notifyUrl: `${receiver.url}/n` });
    expect((await provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
    clock.advance(1_000);
    expect(await provider.status(attempt.providerRef)).toMatchObject({
      status: 'rejected',
      reason: 'blik_code_rejected',
    });
    expect(received).toHaveLength(1);
    expect(fake.transaction(attempt.providerRef)?.status).toBe(0);
  });

  it('pay-by-link: redirect to /trnRequest/{token}, paid after the page is approved', async () => {
    const { fake, provider } = await setup();
    const attempt = await provider.start(input('pbl'));
    expect(attempt.status).toBe('redirect');
    expect(attempt.redirectUrl).toMatch(new RegExp(`^${fake.url}/trnRequest/[0-9A-F]+$`));
    const page = await fetch(attempt.redirectUrl ?? '', {
      method: 'POST',
      body: 'decision=approve',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect((await provider.status(attempt.providerRef))?.status).toBe('paid');
  });

  it('refuses a notification whose sign was made with another CRC key', async () => {
    const { fake, provider } = await setup();
    const attempt = await provider.start(input('blik', '777123'));
    const other = createPrzelewy24Provider({
      config: przelewy24ConfigSchema.parse({
        ...fake.credentials,
        crc: 'another-crc-key',
        baseUrl: fake.url,
      }),
    });
    const body = JSON.stringify({
      merchantId: fake.credentials.merchantId,
      posId: fake.credentials.posId,
      sessionId: attempt.providerRef,
      amount: 4999,
      originAmount: 4999,
      currency: 'PLN',
      orderId: 1,
      methodId: 181,
      statement: 'x',
      sign: 'f'.repeat(96),
    });
    const error = await other
      .verifyNotification({ headers: { 'content-type': 'application/json' }, body })
      .catch((e) => e);
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('notification_invalid');
  });

  it('a wrong CRC key makes the registration fail with a hint naming the setting, not a silent pending', async () => {
    const { fake } = await setup();
    const provider = createPrzelewy24Provider({
      config: przelewy24ConfigSchema.parse({
        ...fake.credentials,
        crc: 'wrong-crc-key',
        baseUrl: fake.url,
        payerEmailFallback: 'sklep@example.com',
      }),
    });
    const error = (await provider.start(input('blik', '777123')).catch((e) => e)) as KasaError;
    expect(error.code).toBe('platform_config_invalid');
    expect(JSON.stringify(error.details)).toContain('KASA_P24_CRC');
    expect(JSON.stringify(error.details)).not.toContain('777123');
  });

  it('offers BLIK with P24’s consent, and pay-by-link with it only when regulationAccept is set', async () => {
    const { provider } = await setup();
    const methods = provider.methods({ amount: money(100), country: 'PL' });
    expect(methods.find((m) => m.kind === 'blik')?.processorNotice).toEqual({
      text: 'Oświadczam, że zapoznałem się z regulaminem i obowiązkiem informacyjnym serwisu Przelewy24',
      links: [
        { label: 'regulaminem', url: 'https://www.przelewy24.pl/regulamin' },
        { label: 'obowiązkiem informacyjnym', url: 'https://www.przelewy24.pl/obowiazekinformacyjny' },
      ],
      requiresConsent: true,
    });
    expect(methods.find((m) => m.kind === 'pbl')?.processorNotice).toBeUndefined();
    await fake?.close();
    const withConsent = (await setup({ regulationAccept: true })).provider;
    expect(withConsent.methods({ amount: money(100), country: 'PL' }).every((m) => m.processorNotice)).toBe(
      true,
    );
    expect(withConsent.methods({ amount: money(100, 'EUR'), country: 'PL' })).toEqual([]);
  });

  it('registers with the payer’s e-mail and regulationAccept when the shopper ticked P24’s consent', async () => {
    const { fake, provider } = await setup();
    const attempt = await provider.start({
      ...input('blik', '777123'),
      payerEmail: 'jan.kowalski@example.pl',
      processorConsent: true,
    });
    expect(fake.transaction(attempt.providerRef)).toMatchObject({
      email: 'jan.kowalski@example.pl',
      regulationAccept: true,
      channel: 8192,
    });
  });

  it('without the ticked consent sends no regulationAccept, and without the payer’s e-mail the shop’s', async () => {
    const { fake, provider } = await setup();
    const blik = await provider.start(input('blik', '777123'));
    expect(fake.transaction(blik.providerRef)).toMatchObject({
      email: 'sklep@example.com',
      regulationAccept: false,
    });
    // Pay-by-link asks no consent unless configured: P24's own page asks it, whatever the input says.
    const pbl = await provider.start({ ...input('pbl'), processorConsent: true });
    expect(fake.transaction(pbl.providerRef)?.regulationAccept).toBe(false);
  });

  it('with regulationAccept configured, pay-by-link sends it once the consent was ticked', async () => {
    const { fake, provider } = await setup({ regulationAccept: true });
    const pbl = await provider.start({ ...input('pbl'), processorConsent: true });
    expect(fake.transaction(pbl.providerRef)?.regulationAccept).toBe(true);
  });
});

describe('przelewy24Plugin', () => {
  it('names where each setting is in the P24 panel', () => {
    const result = przelewy24Plugin.configSchema.safeParse({ merchantId: 'abc', crc: 'x' });
    const messages = result.error?.issues.map((i) => i.message).join('\n') ?? '';
    expect(messages).toContain('ID sprzedawcy');
    expect(messages).toContain('Klucz do raportów');
    expect(messages).toContain('Klucz do CRC');
    expect(przelewy24Plugin.settings.apiKey).toMatchObject({ env: 'KASA_P24_API_KEY', secret: true });
  });

  it('doctor: testAccess accepts the fake’s credentials and refuses a wrong API key with the fix', async () => {
    const started = await przelewy24Plugin.startFake?.();
    if (!started) throw new Error('no fake');
    closers.push(started.close);
    const ok = await diagnosePrzelewy24(started.config, {});
    expect(ok[0]).toMatchObject({ name: 'credentials', ok: true });
    const bad = await diagnosePrzelewy24({ ...started.config, apiKey: 'wrong-api-key' }, {});
    expect(bad[0]).toMatchObject({ name: 'credentials', ok: false });
    expect(bad[0]?.fix).toContain('Klucz do raportów');
    expect(JSON.stringify(bad)).not.toContain('wrong-api-key');
  });
});
