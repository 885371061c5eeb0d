import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa();
});
afterAll(() => kasa.close());

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
});
