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

/** Every row of the analytics tables (events, checkout summaries, experiment cells), as text. */
function analyticsTables(): string {
  const { db } = kasa.runtime;
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'kasa_events' OR name GLOB 'kasa_*summar*')",
    )
    .all() as { name: string }[];
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining(['kasa_events', 'kasa_checkout_summaries', 'kasa_summary_experiments']),
  );
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

describe('events collected with personal data in their campaign fields', () => {
  const EMAIL = 'jan.kowalski@example.pl';
  const touches = [
    { source: 'newsletter', medium: 'email', campaign: EMAIL },
    { source: 'newsletter', medium: 'email', campaign: `rabat dla ${EMAIL} zima` },
    { source: 'sms', medium: 'sms', campaign: 'promo 512 345 678' },
    { source: '512345678', medium: 'cpc', campaign: 'zima-2026' },
    { source: 'google', medium: '+48-512-345-678', campaign: 'zima-2026' },
    { source: 'google', medium: 'cpc', gclid: '+48512345678' },
    { source: 'facebook', medium: 'paid_social', fbclid: '512.345.678' },
  ];
  const at = Date.now();
  const events = touches.map((touch, i) => ({
    id: `0190f0a1-7c2b-7000-8000-${String(900_000 + i).padStart(12, '0')}`,
    ts: at + i,
    shopId: 'demo',
    checkoutId: `chk_pii_${i}`,
    visitorId: `vis_pii_${i}`,
    experiments: { 'checkout-layout': i % 2 ? 'one-page' : 'multi-step' },
    firstTouch: touch,
    lastTouch: touch,
    referrerHost: i === 0 ? '512345678.example.pl' : 'www.google.com',
    device: 'mobile',
    name: 'begin_checkout',
    params: { value: 9_998, currency: 'PLN', items: [{ item_id: 'SKU-1', quantity: 2, price: 4_999 }] },
  }));

  it('keeps the events without those values: none in the events, the summaries or the experiment tables', async () => {
    const answer = await kasa.api('POST', '/api/collect', { events });
    expect(answer.body).toEqual({ stored: events.length, duplicates: 0, rejected: [] });
    await kasa.runtime.analytics.summarizer.catchUp();

    const stored = await kasa.runtime.events.byCheckout('chk_pii_0');
    expect(stored[0]?.lastTouch).toEqual({ source: 'newsletter', medium: 'email' });
    expect(stored[0]).not.toHaveProperty('referrerHost');
    const channels = await kasa.runtime.events.byCheckout('chk_pii_4');
    expect(channels[0]?.lastTouch).toEqual({ source: 'google', campaign: 'zima-2026' });

    const everything = analyticsTables();
    expect(everything).toContain('chk_pii_6');
    for (const secret of [EMAIL, 'kowalski', '512345678', '512 345 678', '512-345-678', '512.345.678']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('refuses campaign fields the schema does not know, and over-long ones', async () => {
    const base = events[3] as (typeof events)[number];
    const answer = await kasa.api('POST', '/api/collect', {
      events: [
        { ...base, id: 'evt-pii-term', lastTouch: { source: 'google', term: EMAIL } },
        { ...base, id: 'evt-pii-content', firstTouch: { source: 'google', content: EMAIL } },
        { ...base, id: 'evt-pii-long', lastTouch: { source: 'google', campaign: 'z'.repeat(101) } },
        { ...base, id: 'evt-pii-host', referrerHost: 'not a host name' },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.rejected.map((r: { code: string }) => r.code)).toEqual([
      'event_invalid',
      'event_invalid',
      'event_invalid',
      'event_invalid',
    ]);
  });
});
