import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { collectRateLimit: { max: 1_000_000 } } });
});
afterAll(() => kasa.close());

const validEvent = {
  id: '0190f0a1-7c2b-7000-8000-000000000001',
  ts: 1_767_225_600_000,
  shopId: 'demo',
  checkoutId: 'chk_fuzz',
  name: 'field_blur',
  params: { field: 'email', section: 'contact', filled: true },
};

/** Ways to break a valid event so that it can never pass the schema. */
const brokenEvent = fc.oneof(
  fc
    .record({ ts: fc.oneof(fc.string(), fc.constant(null), fc.double({ noInteger: true })) })
    .map((p) => ({ ...validEvent, ...p })),
  fc
    .string()
    .filter((name) => !['field_blur'].includes(name))
    .map((name) => ({ ...validEvent, name: `x${name}` })),
  fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }).map((extra) => ({
    ...validEvent,
    params: { ...validEvent.params, [`zz${Object.keys(extra)[0]}`]: 1 },
  })),
  fc.constantFrom('id', 'ts', 'shopId', 'name', 'params').map((key) => {
    const { [key as keyof typeof validEvent]: _dropped, ...rest } = validEvent;
    return rest;
  }),
  fc.string({ minLength: 65 }).map((id) => ({ ...validEvent, id })),
  fc.emailAddress().map((email) => ({ ...validEvent, params: { ...validEvent.params, field: email } })),
);

const deeplyNested = fc
  .integer({ min: 50, max: 5_000 })
  .map((levels) => `{"events":[${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}]}`);

/** Malformed, oversized, deeply nested and wrongly typed bodies for POST /api/collect. */
const payload: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.array(brokenEvent, { minLength: 1, maxLength: 100 }).map((events) => JSON.stringify({ events })),
  fc.array(brokenEvent, { minLength: 1, maxLength: 5 }).map((events) => JSON.stringify(events)),
  fc.jsonValue().map((events) => JSON.stringify({ events })),
  deeplyNested,
  fc
    .integer({ min: 101, max: 300 })
    .map((n) => JSON.stringify({ events: Array.from({ length: n }, () => validEvent) })),
  fc
    .integer({ min: 66_000, max: 200_000 })
    .map((n) => JSON.stringify({ events: [{ ...validEvent, shopId: 'x'.repeat(n) }] })),
  fc.constantFrom('', 'null', '[]', '{}', '{"events":[]}', '{"events":null}', '\u0000', '{"events":[1,2,3]}'),
);

/**
 * POSTs with node:http rather than fetch: for an oversized body the server answers 413 before
 * reading it and closes the connection, and node:http still hands over that answer.
 */
function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // A fresh connection each: after an early 413 the server closes the socket, which a kept-alive one would reuse.
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'text/plain' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (error) => (req.writableFinished ? reject(error) : undefined));
    req.end(body);
  });
}

describe('the collector under 10,000 malformed payloads', () => {
  it('never crashes, answers each with a 4xx and stores nothing', async () => {
    const samples = fc.sample(payload, { numRuns: 10_000, seed: 20261127 });
    const before = await kasa.runtime.events.count();
    const statuses = new Map<number, number>();
    for (let start = 0; start < samples.length; start += 25) {
      const answers = await Promise.all(
        samples.slice(start, start + 25).map((body) => post(`${kasa.url}/api/collect`, body)),
      );
      for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const codes = [...statuses.keys()];
    expect(
      codes.every((status) => status >= 400 && status < 500),
      `statuses: ${JSON.stringify([...statuses])}`,
    ).toBe(true);
    expect(samples.length).toBe(10_000);
    expect(await kasa.runtime.events.count()).toBe(before);
    expect((await kasa.api('GET', '/health')).status).toBe(200);
  }, 120_000);
});
