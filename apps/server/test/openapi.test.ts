import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '@kasa/adapter-sandbox';
import { DAY_MS, simulateCheckouts } from '@kasa/analytics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ApiResponse,
  eventually,
  fragmentRenderer,
  type Kasa,
  notifyWaitingAttempt,
  SHOPPER,
  startKasa,
} from './harness.ts';

const TOKEN = 'merchant-token-for-openapi-tests-0001';
const asMerchant = { authorization: `Bearer ${TOKEN}` };

type Operation = {
  security?: Record<string, string[]>[];
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};

let kasa: Kasa;
let doc: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object } };
beforeAll(async () => {
  // With the widget's fragment route, as `kasa start` serves it.
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } }, widget: fragmentRenderer() });
  doc = (await kasa.api('GET', '/api/openapi.json')).body;
});
afterAll(() => kasa.close());

const operation = (method: string, path: string): Operation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  return found;
};

/** Checks an answer against the JSON Schema the document gives for its route and status. */
function expectAsDocumented(method: string, path: string, answer: ApiResponse): void {
  const schema = operation(method, path).responses[answer.status]?.content?.['application/json']?.schema;
  expect(schema, `${method.toUpperCase()} ${path} documents a ${answer.status} answer`).toBeDefined();
  const result = z.fromJSONSchema(schema ?? {}, { defaultTarget: 'openapi-3.0' }).safeParse(answer.body);
  expect(result.error?.issues ?? [], `${method.toUpperCase()} ${path} answers as documented`).toEqual([]);
}

describe('the OpenAPI document', () => {
  it('describes every checkout route with the request schemas that validate it', async () => {
    const { status, body } = await kasa.api('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/checkouts',
        '/api/checkouts/{id}',
        '/api/checkouts/{id}/contact',
        '/api/checkouts/{id}/order',
        '/api/checkouts/{id}/payments/{paymentId}/events',
        '/api/payments/notify/{provider}',
        '/api/webhooks/{platform}',
      ]),
    );
    const contact =
      body.paths['/api/checkouts/{id}/contact'].put.requestBody.content['application/json'].schema;
    expect(contact.required).toEqual(expect.arrayContaining(['email', 'phone', 'firstName', 'lastName']));
    expect(contact.additionalProperties).toBe(false);
    expect(body.paths['/api/checkouts/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
  });

  it('leaves out no /api route the server answers', () => {
    const served = kasa.runtime.app.routes
      .filter(
        (route) => route.method !== 'ALL' && route.path.startsWith('/api/') && !route.path.includes('*'),
      )
      .filter((route) => route.path !== '/api/openapi.json')
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(served).toContain('get /api/checkouts/{id}/fragment');
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('puts in the collector and the analytics routes, with their request schemas and the merchant token', () => {
    const collect = operation('post', '/api/collect').requestBody?.content ?? {};
    expect(Object.keys(collect)).toEqual(['application/json', 'text/plain']);
    const batch = collect['application/json']?.schema as {
      required: string[];
      properties: { events: { minItems: number; maxItems: number; items: { oneOf?: unknown[] } } };
    };
    expect(batch.required).toEqual(['events']);
    expect(batch.properties.events).toMatchObject({ minItems: 1, maxItems: 100 });
    // Browser events only: what the server alone writes is not among them.
    const names = JSON.stringify(batch.properties.events.items);
    expect(names).toContain('"checkout_step_view"');
    expect(names).not.toContain('"purchase"');

    const report = operation('get', '/api/analytics/report');
    expect(report.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(
      expect.arrayContaining(['query from', 'query to', 'query device', 'query variant', 'query simulated']),
    );
    const okrBody = operation('put', '/api/analytics/okr').requestBody?.content['application/json']?.schema;
    expect(okrBody).toMatchObject({ required: ['objectives'], additionalProperties: false });
    for (const [method, path] of [
      ['get', '/api/analytics/report'],
      ['get', '/api/analytics/okr'],
      ['put', '/api/analytics/okr'],
    ] as const) {
      expect(operation(method, path).security, `${method} ${path}`).toEqual([{ merchant: [] }]);
    }
    expect(doc.components.securitySchemes).toMatchObject({ merchant: { type: 'http', scheme: 'bearer' } });
  });

  it('gives every JSON answer a schema', () => {
    const withoutSchema = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) =>
        Object.entries(op.responses)
          .filter(([status, answer]) => status !== 'default' && answer.content?.['application/json'])
          .filter(([, answer]) => !answer.content?.['application/json']?.schema)
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );
    expect(withoutSchema).toEqual([]);
    const view = operation('get', '/api/checkouts/{id}').responses['200']?.content?.['application/json']
      ?.schema;
    expect(view).toMatchObject({ additionalProperties: false });
    expect(Object.keys((view as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['id', 'status', 'cart', 'totals', 'missing', 'payment']),
    );
  });
});

describe('real answers against the document', () => {
  it('the checkout routes, from a new checkout to a paid order', async () => {
    const cartRef = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 1 },
    ]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    expectAsDocumented('post', '/api/checkouts', created);
    const id: string = created.body.id;
    const at = (suffix = '') => `/api/checkouts/${id}${suffix}`;

    expectAsDocumented('get', '/api/checkouts/{id}', await kasa.api('GET', at()));
    const fragment = await kasa.api('GET', at('/fragment?lang=en'));
    expect(fragment.status).toBe(200);
    expect(fragment.headers.get('content-type')).toContain(
      Object.keys(operation('get', '/api/checkouts/{id}/fragment').responses['200']?.content ?? {})[0],
    );
    expectAsDocumented(
      'get',
      '/api/checkouts/{id}/shipping-options',
      await kasa.api('GET', at('/shipping-options?postcode=30-001')),
    );
    const otherCart = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[1]?.id ?? '', quantity: 2 },
    ]);
    expectAsDocumented(
      'put',
      '/api/checkouts/{id}/cart',
      await kasa.api('PUT', at('/cart'), { cartRef: otherCart }),
    );
    expectAsDocumented(
      'put',
      '/api/checkouts/{id}/contact',
      await kasa.api('PUT', at('/contact'), SHOPPER.contact),
    );
    const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=3');
    expectAsDocumented('get', '/api/pickup-points', points);
    const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
    const delivery = await kasa.api('PUT', at('/delivery'), {
      optionId: locker.id,
      pickupPointId: points.body.points[0].id,
    });
    expectAsDocumented('put', '/api/checkouts/{id}/delivery', delivery);
    // The answer with a pickup point and a company: the optional parts of the view filled in.
    const invoice = await kasa.api('PUT', at('/invoice'), {
      company: { nip: '1234563218', name: 'Pracownia' },
    });
    expect(invoice.body.company).toBeDefined();
    expectAsDocumented('put', '/api/checkouts/{id}/invoice', invoice);
    expectAsDocumented(
      'put',
      '/api/checkouts/{id}/consents',
      await kasa.api('PUT', at('/consents'), { terms: true, marketingEmail: false, marketingSms: false }),
    );
    const blik = created.body.paymentMethods.find((m: { kind: string }) => m.kind === 'blik');
    expectAsDocumented(
      'put',
      '/api/checkouts/{id}/payment-method',
      await kasa.api('PUT', at('/payment-method'), { methodId: blik.id }),
    );
    expectAsDocumented('post', '/api/checkouts/{id}/order', await kasa.api('POST', at('/order')));
    const started = await kasa.api('POST', at('/payments'), { blikCode: '777123' });
    expect(started.status).toBe(201);
    expectAsDocumented('post', '/api/checkouts/{id}/payments', started);
    const paid = await eventually(
      () => kasa.api('GET', at(`/payments/${started.body.id}`)),
      (answer) => answer.body.status === 'paid',
    );
    expectAsDocumented('get', '/api/checkouts/{id}/payments/{paymentId}', paid);
    const view = await kasa.api('GET', at());
    expect(view.body.payment.status).toBe('paid');
    expectAsDocumented('get', '/api/checkouts/{id}', view);
  });

  it('a cancelled payment, a payment notification and a store webhook', async () => {
    const { id, waiting, notified } = await notifyWaitingAttempt(kasa);
    expectAsDocumented('post', '/api/payments/notify/{provider}', notified);
    const cancelled = await kasa.api('POST', `/api/checkouts/${id}/payments/${waiting.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expectAsDocumented('post', '/api/checkouts/{id}/payments/{paymentId}/cancel', cancelled);

    const webhook = JSON.stringify({ topic: 'product.updated' });
    const delivered = await kasa.api('POST', '/api/webhooks/sandbox', webhook, {
      [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(webhook),
    });
    expectAsDocumented('post', '/api/webhooks/{platform}', delivered);
  });

  it('the collector and the analytics routes', async () => {
    const event = (n: number, name: string, params: object) => ({
      id: `0190f0a1-7c2b-7000-8000-00000000000${n}`,
      ts: Date.now(),
      shopId: 'demo',
      checkoutId: 'chk_openapi',
      name,
      params,
    });
    const collected = await kasa.api('POST', '/api/collect', {
      events: [
        event(1, 'checkout_step_view', { section: 'contact', layout: 'one-page' }),
        event(2, 'teleport', {}),
      ],
    });
    expect(collected.body.rejected).toHaveLength(1);
    expectAsDocumented('post', '/api/collect', collected);

    // A history whose windows have closed, so every part of the report has rows to check.
    const start = Date.now() - 6 * DAY_MS;
    const history = simulateCheckouts({
      seed: 3,
      checkouts: 200,
      startTs: start,
      spanMs: 4 * DAY_MS,
      shopId: 'demo',
    });
    await kasa.runtime.events.append([...history].flat());
    // The history is simulated: read with it mixed in, so every section has rows.
    const report = await kasa.api('GET', '/api/analytics/report?simulated=both', undefined, asMerchant);
    expect(report.status).toBe(200);
    const { funnel, experiments, channels, fields, payments, krs } = report.body;
    for (const rows of [funnel, experiments, channels.firstTouch, fields.lastFields, payments.methods, krs])
      expect(rows.length).toBeGreaterThan(0);
    expectAsDocumented('get', '/api/analytics/report', report);
    const filtered = await kasa.api(
      'GET',
      '/api/analytics/report?device=mobile&touch=first',
      undefined,
      asMerchant,
    );
    expectAsDocumented('get', '/api/analytics/report', filtered);
    const okr = await kasa.api('GET', '/api/analytics/okr', undefined, asMerchant);
    expectAsDocumented('get', '/api/analytics/okr', okr);
    const saved = await kasa.api('PUT', '/api/analytics/okr', okr.body, asMerchant);
    expect(saved.status).toBe(200);
    expectAsDocumented('put', '/api/analytics/okr', saved);
  });
});
