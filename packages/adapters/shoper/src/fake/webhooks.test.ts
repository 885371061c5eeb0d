import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderSchema } from '../rest/schemas.ts';
import { call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

/** Header names a delivery must carry, read from the fixture (comments and Content-Type's note dropped). */
const REQUIRED_HEADERS = readFileSync(
  new URL('../../fixtures/webhook.request-headers.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => (l.split(/\s+/)[0] ?? '').toLowerCase());

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
let received: Received[];
let receiver: Server;
let receiverUrl: string;
let fake: ShoperFake;

beforeEach(async () => {
  received = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/shoper`;
});
afterEach(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const header = (r: Received, name: string) => String(r.headers[name] ?? '');
const order = {
  email: 'k@example.invalid',
  status_id: 6,
  payment_id: 3,
  shipping_id: 2,
  shipping_tax_id: 1,
  shipping_cost: 20,
  notes_priv: 'kasa:chk_w',
};

describe('the Shoper fake: webhooks it sends', () => {
  it('sends order.create signed as sha1("<webhook id>:<secret>:<body>") with every documented header', async () => {
    fake = await createShoperFake({ webhooks: [{ url: receiverUrl, secret: 'tajny-klucz' }] });
    const token = await tokenOf(fake);
    const id = (await call(fake, 'POST', 'orders', { token, body: order })).body as number;
    await fake.shop.webhooksSettled();
    expect(received).toHaveLength(1);
    const [delivery] = received as [Received];
    for (const name of REQUIRED_HEADERS) expect(header(delivery, name), name).not.toBe('');
    expect(header(delivery, 'x-webhook-name')).toBe('order.create');
    expect(header(delivery, 'x-webhook-id')).toBe('1');
    expect(header(delivery, 'content-type')).toBe('application/json');
    expect(header(delivery, 'x-webhook-sha1')).toBe(sha1(`1:tajny-klucz:${delivery.body}`));
    expect(orderSchema.parse(JSON.parse(delivery.body)).order_id).toBe(id);
    expect(fake.shop.deliveries).toMatchObject([{ event: 'order.create', status: 200 }]);
  });

  it('sends order.edit, order.status and order.paid on a PUT that pays, to the webhooks bound to them', async () => {
    fake = await createShoperFake({
      webhooks: [
        { url: receiverUrl, events: ['order.paid'] },
        { url: receiverUrl, events: ['order.paid'], active: false },
        { url: receiverUrl, events: ['order.status', 'order.edit'] },
      ],
    });
    const token = await tokenOf(fake);
    const id = (await call(fake, 'POST', 'orders', { token, body: order })).body as number;
    await call(fake, 'PUT', `orders/${id}`, { token, body: { paid: 20, status_id: 3 } });
    await fake.shop.webhooksSettled();
    const seen = received.map((r) => `${header(r, 'x-webhook-id')}:${header(r, 'x-webhook-name')}`).sort();
    expect(seen).toEqual(['1:order.paid', '3:order.edit', '3:order.status']);
    const paid = received.find((r) => header(r, 'x-webhook-name') === 'order.paid');
    expect(JSON.parse(paid?.body ?? '{}')).toMatchObject({ paid: '20.00', status_id: '3', is_paid: true });
    expect(header(paid as Received, 'x-webhook-sha1')).toBe(
      sha1(`1:${fake.shop.webhookSecret}:${paid?.body}`),
    );
  });

  it('signs a test body as the shop does, with the topic as X-Webhook-Name', async () => {
    fake = await createShoperFake();
    const body = '{"order_id":"1001"}';
    const signed = fake.shop.signWebhook(body, 'order.status');
    expect(signed.body).toBe(body);
    expect(signed.headers['x-webhook-name']).toBe('order.status');
    expect(signed.headers['x-webhook-sha1']).toBe(sha1(`1:${fake.config.webhookSecret}:${body}`));
    expect(signed.headers['x-shop-license']).toBe(fake.shop.identity.license);
  });

  it('derives the secret from the app secret and the license for an AppStore shop', async () => {
    fake = await createShoperFake({ webhookScheme: 'appstore', appstoreSecret: 'app-secret' });
    const body = '{"order_id":"7"}';
    const signed = fake.shop.signWebhook(body);
    const license = fake.shop.identity.license;
    const shopSecret = createHmac('sha512', 'app-secret')
      .update(`${license}:${fake.config.webhookSecret}`)
      .digest('hex');
    expect(signed.headers['x-webhook-sha1']).toBe(sha1(`1:${shopSecret}:${body}`));
    expect(signed.headers['x-webhook-sha1']).not.toBe(sha1(`1:${fake.config.webhookSecret}:${body}`));
  });

  it('lists the merchant’s webhook to Kasa by default, and sends nothing off this machine', async () => {
    fake = await createShoperFake();
    const token = await tokenOf(fake);
    const hooks = await call(fake, 'GET', 'webhooks', { token });
    expect((hooks.body as { list: unknown[] }).list).toMatchObject([
      {
        url: 'https://kasa.example.pl/api/webhooks/shoper',
        active: true,
        events: expect.arrayContaining(['order.paid']),
      },
    ]);
    expect((await call(fake, 'POST', 'orders', { token, body: order })).status).toBe(200);
    await fake.shop.webhooksSettled();
    expect(fake.shop.deliveries).toMatchObject([
      { event: 'order.create', status: 0, error: expect.stringContaining('only to 127.0.0.1') },
    ]);
  });

  it('records a delivery nobody answered without failing the order', async () => {
    fake = await createShoperFake({ webhooks: [{ url: 'http://127.0.0.1:9/closed' }] });
    const token = await tokenOf(fake);
    expect((await call(fake, 'POST', 'orders', { token, body: order })).status).toBe(200);
    await fake.shop.webhooksSettled();
    expect(fake.shop.deliveries).toMatchObject([{ event: 'order.create', status: 0 }]);
  });
});
