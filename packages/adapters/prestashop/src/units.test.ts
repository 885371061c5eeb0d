import { KasaError, money } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from './amounts.ts';
import { parsePrestaShopConfig, prestashopConfigSchema } from './config.ts';
import { createHttp, type HttpOptions } from './http.ts';
import { etaFromDelay, parseLineId, toShippingOptions } from './mapping.ts';
import { kasaNote, parseKasaNote } from './note.ts';
import { psName, psPhone } from './text.ts';
import { PRESTASHOP_SIGNATURE_HEADER, signPrestaShopWebhook, verifyPrestaShopWebhook } from './webhook.ts';
import { readErrors } from './webservice.ts';
import { buildResourceXml, parseXml } from './xml.ts';

const valid = {
  shopUrl: 'https://sklep.example.pl/',
  webserviceKey: 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT',
  module: { key: 'k'.repeat(32) },
  webhookSecret: 's'.repeat(32),
};

function configIssues(input: unknown): { setting: string; message: string }[] {
  try {
    parsePrestaShopConfig(input);
  } catch (error) {
    if (error instanceof KasaError && error.code === 'platform_config_invalid') {
      return (error.details as { issues: { setting: string; message: string }[] }).issues;
    }
    throw error;
  }
  return [];
}

describe('config', () => {
  it('accepts a complete shop and fills the defaults', () => {
    const config = parsePrestaShopConfig(valid);
    expect(config.shopUrl).toBe('https://sklep.example.pl');
    expect(config).toMatchObject({
      paymentModule: 'kasa',
      codModule: 'ps_cashondelivery',
      timeoutMs: 10_000,
      retries: 3,
    });
  });

  it('says which credential is wrong and where to find the right one', () => {
    expect(configIssues({ ...valid, webserviceKey: 'abc' })).toEqual([
      {
        setting: 'webserviceKey',
        message:
          'webserviceKey must be the 32-character key from Advanced Parameters › Webservice (letters and digits only)',
      },
    ]);
    expect(configIssues({ ...valid, module: {} })).toEqual([
      {
        setting: 'module.key',
        message:
          'module.key is missing or not a string: the shared key shown on the Kasa module configuration page',
      },
    ]);
    expect(configIssues({ ...valid, shopUrl: 'http://sklep.example.pl' })[0]?.message).toMatch(/https/);
    expect(configIssues({ ...valid, webhookSecret: 'short' })[0]?.setting).toBe('webhookSecret');
    expect(configIssues({ ...valid, apiKey: 'x' })[0]?.message).toBe('unknown setting(s): apiKey');
  });

  it('names a missing credential in the schema itself, as the server’s config shows it', () => {
    const { webserviceKey: _, ...rest } = valid;
    const messages = (input: unknown) =>
      prestashopConfigSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(messages(rest)).toEqual([
      'webserviceKey is required: the 32-character key from Advanced Parameters › Webservice',
    ]);
    expect(messages({ ...valid, module: undefined })).toEqual([
      'module is required: { key } with the shared key from the Kasa module configuration page',
    ]);
    expect(messages({ ...valid, adminApi: { clientId: 'kasa', employeeId: 1 } })).toEqual([
      'adminApi.clientSecret is required: the secret shown once when the Admin API client was created',
    ]);
  });
});

describe('http: retries, backoff, timeouts', () => {
  const base: HttpOptions = {
    timeoutMs: 200,
    retries: 2,
    retryBaseMs: 100,
    retryMaxMs: 1_000,
    maxRetryAfterMs: 5_000,
  };

  function scripted(statuses: (number | Error)[], headers: Record<string, string> = {}) {
    const seen: string[] = [];
    const waits: number[] = [];
    const fetch = (async (_url: string, init?: RequestInit) => {
      seen.push(String(init?.method));
      const next = statuses.shift();
      if (next instanceof Error) throw next;
      return new Response(`status ${next}`, { status: next ?? 200, headers });
    }) as typeof globalThis.fetch;
    const http = createHttp({ ...base, fetch, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    return { http, seen, waits };
  }
  const get = {
    operation: 'GET /api/customers',
    method: 'GET',
    url: 'http://127.0.0.1/api',
    safe: true,
  } as const;
  const post = { ...get, operation: 'POST /api/customers', method: 'POST', safe: false } as const;

  // Retry-After parsing and the backoff arithmetic are tested in @kasa/platform-http (retry.test.ts).

  it('retries a read after 503 and 429, waiting at least Retry-After', async () => {
    const { http, waits } = scripted([503, 429, 200], { 'retry-after': '2' });
    expect((await http(get)).status).toBe(200);
    expect(waits).toEqual([2_000, 2_000]);
  });

  it('gives up with platform_unavailable naming the call after the last retry', async () => {
    const { http, seen } = scripted([502, 502, 502]);
    const error = await http(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).details).toMatchObject({
      operation: 'GET /api/customers',
      attempts: 3,
      problem: 'HTTP 502',
    });
    expect(seen).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than allowed', async () => {
    const { http, seen } = scripted([429], { 'retry-after': '60' });
    await expect(http(get)).rejects.toMatchObject({ code: 'platform_unavailable' });
    expect(seen).toHaveLength(1);
  });

  it('never repeats a write whose answer was lost: it reports the outcome as unknown', async () => {
    for (const failure of [500, 502, 504, new TypeError('fetch failed')]) {
      const { http, seen } = scripted([failure]);
      const error = await http(post).catch((e: unknown) => e);
      expect(isUnknownOutcome(error)).toBe(true);
      expect(seen).toHaveLength(1);
    }
  });

  it('repeats a write the shop refused to start (429, 503) or never received', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    for (const first of [429, 503]) {
      const { http, seen } = scripted([first, refused, 201]);
      expect((await http(post)).status).toBe(201);
      expect(seen).toHaveLength(3);
    }
  });

  it('times out a hanging call', async () => {
    const hanging = (async (_url: string, init?: RequestInit) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as typeof fetch;
    const http = createHttp({ ...base, retries: 0, timeoutMs: 30, fetch: hanging });
    await expect(http(get)).rejects.toMatchObject({
      code: 'platform_unavailable',
      details: { problem: 'no answer within 30 ms' },
    });
  });
});

describe('xml', () => {
  it('builds a body the webservice reads, strings in CDATA, booleans as 0/1', () => {
    const xml = buildResourceXml('cart', {
      fields: { id_currency: 1, secure_key: 'abc', gift: false, gift_message: 'a ]]> b', skipped: undefined },
      associations: { cart_rows: { row: 'cart_row', rows: [{ id_product: 1, quantity: 2 }] } },
    });
    expect(xml).toContain(
      '<cart><id_currency>1</id_currency><secure_key><![CDATA[abc]]></secure_key><gift>0</gift>',
    );
    expect(xml).not.toContain('skipped');
    const parsed = parseXml(xml) as { prestashop: { cart: Record<string, unknown> } };
    expect(parsed.prestashop.cart.gift_message).toBe('a ]]> b');
    expect(parsed.prestashop.cart.associations).toEqual({
      cart_rows: { cart_row: [{ id_product: '1', quantity: '2' }] },
    });
  });

  it('reads the webservice error document in JSON and in XML, and nothing else', () => {
    expect(readErrors('{"errors":[{"code":41,"message":"parameter \\"email\\" required"}]}')).toEqual([
      { code: '41', message: 'parameter "email" required' },
    ]);
    expect(
      readErrors(
        '<?xml version="1.0"?><prestashop><errors><error><code><![CDATA[18]]></code><message><![CDATA[Invalid authentication key format]]></message></error></errors></prestashop>',
      ),
    ).toEqual([{ code: '18', message: 'Invalid authentication key format' }]);
    expect(readErrors('<b>Fatal error</b>: Uncaught Error')).toBeUndefined();
  });
});

describe('amounts, notes, names', () => {
  it('reads PrestaShop amounts exactly, in grosze', () => {
    expect(parseAmount('12.990000', 'PLN')).toEqual(money(1299));
    expect(parseAmount('0.1', 'PLN')).toEqual(money(10));
    expect(parseAmount('12.345', 'PLN')).toEqual(money(1235));
    expect(parseAmount(94.99, 'PLN')).toEqual(money(9499));
    expect(parseAmount('-1.00', 'PLN')).toBeUndefined();
    expect(parseAmount('1e3', 'PLN')).toBeUndefined();
    expect(formatAmount(money(9499))).toBe('94.99');
  });

  it('marks the guest customer with the checkout and the agreed total', () => {
    const note = kasaNote('chk_1', money(12345));
    expect(note).toBe('kasa:checkout=chk_1;total=123.45;currency=PLN');
    expect(parseKasaNote(note)).toEqual({ checkoutId: 'chk_1', total: money(12345), cancelled: false });
    expect(parseKasaNote(kasaNote('chk_1', money(1), true))?.cancelled).toBe(true);
    expect(parseKasaNote('VIP customer')).toBeUndefined();
  });

  it('fits shopper names to isName and phones to isPhoneNumber', () => {
    expect(psName('Anna-Maria')).toBe('Anna-Maria');
    expect(psName('Jan III Sobieski')).toBe('Jan III Sobieski');
    expect(psName('R2-D2')).toBe('R -D');
    expect(psName('St. John')).toBe('St. John');
    expect(psName('123')).toBe('-');
    expect(psPhone('+48 512-345-678 (dom)')).toBe('+48 512-345-678 ()');
  });

  it('keeps the product, combination and customization in the line id', () => {
    expect(parseLineId('19-7')).toEqual({ idProduct: 19, idProductAttribute: 7, idCustomization: 0 });
    expect(parseLineId('19-0-3')).toEqual({ idProduct: 19, idProductAttribute: 0, idCustomization: 3 });
    expect(parseLineId('sku-19')).toBeUndefined();
  });

  it('turns a carrier delay into days', () => {
    expect(etaFromDelay('1-2 dni robocze')).toEqual({ minDays: 1, maxDays: 2 });
    expect(etaFromDelay('Dostawa w 24h')).toEqual({ minDays: 1, maxDays: 1 });
    expect(etaFromDelay('Szybko')).toEqual({ minDays: 1, maxDays: 3 });
  });

  it('makes a locker option of an InPost locker carrier', () => {
    const [option] = toShippingOptions(
      [
        {
          id: 3,
          id_reference: 3,
          name: 'Paczkomat',
          delay: '2 dni',
          price: '12.99',
          locker: true,
          module: 'inpostshipping',
        },
      ],
      'PLN',
    );
    expect(option).toEqual({
      id: 'carrier-3',
      carrier: 'inpost',
      kind: 'locker',
      name: 'Paczkomat',
      price: money(1299),
      eta: { minDays: 2, maxDays: 2 },
      pickupCarrier: 'inpost',
    });
  });
});

describe('webhook', () => {
  const secret = 'w'.repeat(32);
  const body = JSON.stringify({ topic: 'order.paid', orderId: 42, psOrderId: 7 });

  it('accepts the module’s signature over the raw body and reads the event', () => {
    const event = verifyPrestaShopWebhook(
      { headers: { 'X-Kasa-Signature': signPrestaShopWebhook(body, secret) }, body },
      secret,
    );
    expect(event).toMatchObject({ topic: 'order.paid', orderId: '42' });
  });

  it('rejects a missing, forged or replayed-onto-another-body signature', () => {
    const signature = signPrestaShopWebhook(body, secret);
    for (const req of [
      { headers: {}, body },
      { headers: { [PRESTASHOP_SIGNATURE_HEADER]: signPrestaShopWebhook(body, 'x'.repeat(32)) }, body },
      { headers: { [PRESTASHOP_SIGNATURE_HEADER]: signature }, body: `${body} ` },
    ]) {
      expect(() => verifyPrestaShopWebhook(req, secret)).toThrow(
        expect.objectContaining({ code: 'notification_invalid' }),
      );
    }
  });
});
