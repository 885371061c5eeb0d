import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BLIK_APPROVAL_WINDOW_MS, type KasaError, money, type StartPayment } from '@kasa/core';
import { manualClock } from '@kasa/payment-testing';
import { payuSignatureHeader } from '@kasa/payments';
import { afterEach, describe, expect, it } from 'vitest';
import { createPayuClient, TOKEN_MARGIN_MS } from './client.ts';
import { PAYU_HOSTS, payuBaseUrl, payuConfigSchema } from './config.ts';
import { type FakePayu, PAYU_SANDBOX_CODES, startFakePayu } from './fake/fake-payu.ts';
import { PAYU_PROCESSOR_NOTICE } from './methods.ts';
import { payuPlugin } from './plugin.ts';
import { createPayuProvider } from './provider.ts';
import { mapPayuOrder, reasonOfResultCode } from './status.ts';

let fake: FakePayu | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

let n = 0;
const input = (extra: Partial<StartPayment> = {}): StartPayment => {
  n += 1;
  return {
    attemptId: `pay_unit_${Date.now()}_${n}`,
    orderId: 'ord_1',
    method: { id: 'blik', kind: 'blik', provider: 'payu', label: 'BLIK' },
    amount: money(12_300),
    description: 'Zamówienie 1',
    blikCode: PAYU_SANDBOX_CODES.approve,
    customerIp: '127.0.0.1',
    returnUrl: 'http://127.0.0.1:3000/return',
    notifyUrl: 'http://127.0.0.1:9/notify',
    ...extra,
  };
};

async function onClock() {
  const clock = manualClock();
  fake = await startFakePayu({ now: clock.now });
  const provider = createPayuProvider({ config: fake.config, now: clock.now });
  return { clock, payu: fake, provider };
}

describe('PayU client: OAuth', () => {
  it('reuses the token until shortly before it expires, then fetches a new one', async () => {
    const clock = manualClock();
    fake = await startFakePayu({ now: clock.now, tokenSeconds: 3600 });
    const client = createPayuClient({ config: fake.config, now: clock.now });
    await client.request('GET', '/api/v2_1/orders/NONE');
    await client.request('GET', '/api/v2_1/orders/NONE');
    expect(fake.oauthCalls()).toBe(1);
    clock.advance(3600_000 - TOKEN_MARGIN_MS - 1);
    await client.request('GET', '/api/v2_1/orders/NONE');
    expect(fake.oauthCalls()).toBe(1);
    clock.advance(1);
    await client.request('GET', '/api/v2_1/orders/NONE');
    expect(fake.oauthCalls()).toBe(2);
  });

  it('renews the token once when PayU answers 401, and the call goes through', async () => {
    const { payu, provider } = await onClock();
    const attempt = await provider.start(input());
    payu.revokeTokens();
    expect((await provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
    expect(payu.oauthCalls()).toBe(2);
  });

  it('names refused credentials platform_auth_failed, with where to find the right ones', async () => {
    fake = await startFakePayu();
    const client = createPayuClient({ config: { ...fake.config, clientSecret: 'f'.repeat(32) } });
    const error = (await client.authorize().catch((e: unknown) => e)) as KasaError;
    expect(error.code).toBe('platform_auth_failed');
    expect(String(error.details?.hint)).toContain('client_secret');
  });
});

describe('PayU provider', () => {
  it('creates a BLIK Level 0 order: extOrderId is the attempt id, the code in payMethods, no code kept', async () => {
    const { payu, provider } = await onClock();
    const start = input();
    const attempt = await provider.start(start);
    expect(attempt).toMatchObject({ attemptId: start.attemptId, status: 'awaiting_confirmation' });
    expect(attempt.confirmBy).toBe(manualClock().now() + BLIK_APPROVAL_WINDOW_MS);
    const sent = payu.orderRequests.at(-1);
    expect(sent).toMatchObject({
      extOrderId: start.attemptId,
      merchantPosId: payu.config.posId,
      totalAmount: '12300',
      currencyCode: 'PLN',
      customerIp: '127.0.0.1',
      notifyUrl: start.notifyUrl,
      continueUrl: start.returnUrl,
      payMethods: { payMethod: { type: 'BLIK_AUTHORIZATION_CODE' } },
    });
    expect(JSON.stringify(payu.orderRequests)).not.toContain(PAYU_SANDBOX_CODES.approve);
  });

  it('sends the payer’s e-mail as buyer.email when the start carries one, and no buyer without it', async () => {
    const { payu, provider } = await onClock();
    await provider.start(input({ payerEmail: 'jan.kowalski@example.pl' }));
    expect(payu.orderRequests.at(-1)?.buyer).toEqual({ email: 'jan.kowalski@example.pl' });
    await provider.start(input());
    expect(payu.orderRequests.at(-1)?.buyer).toBeUndefined();
  });

  it('sends pay-by-link and card to PayU’s page (redirectUri), and the page’s answer is the status', async () => {
    const { payu, provider } = await onClock();
    const pbl = await provider.start(
      input({ method: { id: 'pbl', kind: 'pbl', provider: 'payu', label: 'Przelew' }, blikCode: undefined }),
    );
    expect(pbl.status).toBe('redirect');
    expect(pbl.redirectUrl).toContain(payu.url);
    expect(payu.orderRequests.at(-1)?.payMethods).toBeUndefined();
    const card = await provider.start(
      input({ method: { id: 'card', kind: 'card', provider: 'payu', label: 'Karta' }, blikCode: undefined }),
    );
    expect(payu.orderRequests.at(-1)?.payMethods).toEqual({ payMethod: { type: 'PBL' } });
    payu.decide(pbl.providerRef, 'approve');
    payu.decide(card.providerRef, 'decline');
    expect((await provider.status(pbl.providerRef))?.status).toBe('paid');
    expect((await provider.status(card.providerRef))?.status).toBe('cancelled');
  });

  it('refuses a code that is not six digits before calling PayU, and cash on delivery', async () => {
    const { payu, provider } = await onClock();
    const calls = payu.faults.calls();
    expect(((await provider.start(input({ blikCode: '12345' })).catch((e) => e)) as KasaError).code).toBe(
      'blik_code_format',
    );
    const cod = input({ method: { id: 'cod', kind: 'cod', provider: 'payu', label: 'Pobranie' } });
    expect(((await provider.start(cod).catch((e) => e)) as KasaError).code).toBe(
      'payment_method_unavailable',
    );
    expect(payu.faults.calls()).toBe(calls);
  });

  it('offers BLIK, transfer and card, each with PayU’s payer information; BLIK only in PLN', async () => {
    const { provider } = await onClock();
    const pln = provider.methods({ amount: money(5_000), country: 'PL' });
    expect(pln.map((m) => m.kind)).toEqual(['blik', 'pbl', 'card']);
    for (const m of pln) expect(m.processorNotice).toEqual(PAYU_PROCESSOR_NOTICE);
    expect(PAYU_PROCESSOR_NOTICE.text).toContain('PayU S.A.');
    expect(provider.methods({ amount: money(5_000, 'EUR'), country: 'PL' }).map((m) => m.kind)).toEqual([
      'card',
    ]);
  });

  it('the fake POSTs each status change signed to notifyUrl, and the provider verifies it', async () => {
    const received: { headers: Record<string, string>; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString(),
        });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { clock, payu, provider } = await onClock();
      const notifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/notify/payu`;
      const start = input({ notifyUrl });
      const attempt = await provider.start(start);
      clock.advance(payu.answerAfterMs);
      await payu.tick();
      const verified = await Promise.all(received.map((r) => provider.verifyNotification(r)));
      expect(verified.map((v) => v.status)).toEqual(['pending', 'paid']);
      expect(verified[1]).toEqual({
        providerRef: attempt.providerRef,
        attemptId: start.attemptId,
        status: 'paid',
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('verifies the shape of PayU’s real notification, signed MD5 or SHA-256 with the second key', async () => {
    const { payu, provider } = await onClock();
    const body = readFileSync(
      new URL('../test-fixtures/payu-notification.body.raw.json', import.meta.url),
      'utf8',
    );
    for (const algorithm of ['MD5', 'SHA-256'] as const) {
      const headers = { 'X-OpenPayU-Signature': payuSignatureHeader(body, payu.config.secondKey, algorithm) };
      expect(await provider.verifyNotification({ headers, body })).toEqual({
        providerRef: 'NN18KW7XJG160830GUEST000P01',
        attemptId: '57c56b16d22e1',
        status: 'pending',
      });
    }
    const other = { 'OpenPayU-Signature': payuSignatureHeader(body, 'a'.repeat(32)) };
    expect(
      ((await provider.verifyNotification({ headers: other, body }).catch((e) => e)) as KasaError).code,
    ).toBe('notification_invalid');
  });
});

describe('PayU status mapping', () => {
  it.each([
    ['REG_ERROR_AUTH_CODE_EXPIRED', 'expired', 'blik_code_expired'],
    ['REG_ERROR_AUTH_CODE_USED', 'failed', 'blik_code_used'],
    ['REG_ERROR_AUTH_CODE_CANCELED', 'cancelled', 'payment_cancelled'],
    ['AUT_ERROR_INSUFFICIENT_FUNDS', 'rejected', 'blik_code_rejected'],
    ['AUT_ERROR_LIMIT_EXCEEDED', 'rejected', 'blik_code_rejected'],
    ['AUT_ERROR_TIMEOUT', 'timeout', 'blik_timeout'],
  ])('%s → %s (%s)', (code, status, reason) => {
    expect(reasonOfResultCode(code)).toEqual({ status, reason });
  });

  it('maps the order statuses; WAITING_FOR_CONFIRMATION is not paid', () => {
    const blik = { orderId: 'X', payMethod: { type: 'BLIK_AUTHORIZATION_CODE' } };
    expect(mapPayuOrder({ ...blik, status: 'PENDING' }, undefined).status).toBe('awaiting_confirmation');
    expect(mapPayuOrder({ ...blik, status: 'WAITING_FOR_CONFIRMATION' }, undefined).status).toBe('pending');
    expect(mapPayuOrder({ ...blik, status: 'COMPLETED' }, undefined).status).toBe('paid');
    expect(mapPayuOrder({ ...blik, status: 'CANCELED' }, undefined)).toMatchObject({ status: 'cancelled' });
    expect(mapPayuOrder({ orderId: 'X', status: 'NEW' }, undefined).status).toBe('redirect');
  });
});

describe('payuPlugin', () => {
  it('picks the host from the environment, or the baseUrl override', () => {
    const keys = {
      posId: '300746',
      clientId: '300746',
      clientSecret: 'a'.repeat(32),
      secondKey: 'b'.repeat(32),
    };
    expect(payuBaseUrl(payuConfigSchema.parse(keys))).toBe(PAYU_HOSTS.sandbox);
    expect(payuBaseUrl(payuConfigSchema.parse({ ...keys, environment: 'production' }))).toBe(
      'https://secure.payu.com',
    );
    expect(payuBaseUrl(payuConfigSchema.parse({ ...keys, baseUrl: 'http://127.0.0.1:4010/' }))).toBe(
      'http://127.0.0.1:4010',
    );
  });

  it('says where in the PayU panel a wrong or missing value is', () => {
    const result = payuPlugin.configSchema.safeParse({ posId: 'abc', clientId: '1', clientSecret: 'short' });
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages.find((m) => m.startsWith('posId'))).toContain('PayU panel');
    expect(messages.find((m) => m.startsWith('clientSecret'))).toContain('client_secret');
    expect(messages.find((m) => m.startsWith('secondKey'))).toContain('Second key');
    expect(payuPlugin.settings.clientSecret?.secret).toBe(true);
    expect(payuPlugin.settings.posId?.env).toBe('KASA_PAYU_POS_ID');
  });

  it('diagnose: credentials accepted on the fake; refused ones and an unreachable host each with the fix', async () => {
    const started = await payuPlugin.startFake?.();
    if (started === undefined) throw new Error('payuPlugin has a fake');
    const log = () => undefined;
    const context = { publicUrl: 'http://127.0.0.1:3000', notifyUrl: 'http://127.0.0.1:3000/n', log };
    try {
      const config = payuConfigSchema.parse(started.config);
      expect(await payuPlugin.diagnose?.(config, context)).toEqual([expect.objectContaining({ ok: true })]);
      const [refused] =
        (await payuPlugin.diagnose?.({ ...config, clientSecret: 'c'.repeat(32) }, context)) ?? [];
      expect(refused).toMatchObject({ name: 'credentials', ok: false });
      expect(refused?.fix).toContain('KASA_PAYU_CLIENT_SECRET');
      expect(JSON.stringify(refused)).not.toContain('c'.repeat(32));
    } finally {
      await started.close();
    }
    const [down] =
      (await payuPlugin.diagnose?.(
        payuConfigSchema.parse({ ...started.config, baseUrl: started.url, timeoutMs: 200 }),
        { publicUrl: '', notifyUrl: '', log: () => undefined },
      )) ?? [];
    expect(down).toMatchObject({ ok: false });
    expect(down?.fix).toContain('reach');
  });
});
