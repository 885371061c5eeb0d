import { afterEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../rest/schemas.ts';
import { basic, call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

let fake: ShoperFake;
afterEach(() => fake.close());

const calls = (answer: { headers: Headers }) => answer.headers.get('x-shop-api-calls');

describe('the Shoper fake: request limit (leaky bucket)', () => {
  it('reports the documented defaults on every answer, errors included', async () => {
    fake = await createShoperFake();
    const refused = await call(fake, 'POST', 'auth', { authorization: basic('who', 'knows') });
    const served = await call(fake, 'GET', 'taxes', { token: await tokenOf(fake) });
    for (const answer of [refused, served]) {
      expect(answer.headers.get('x-shop-api-limit')).toBe('10');
      expect(answer.headers.get('x-shop-api-bandwidth')).toBe('2');
      expect(Number(calls(answer))).toBeGreaterThan(0);
    }
  });

  it('counts calls, refuses the one over the limit with 429 and Retry-After, and drains with the clock', async () => {
    let clock = Date.UTC(2026, 11, 5, 6);
    fake = await createShoperFake({ now: () => clock, bucket: { limit: 10, bandwidth: 2 } });
    const token = await tokenOf(fake); // call 1
    const levels: (string | null)[] = [];
    for (let i = 0; i < 9; i += 1) levels.push(calls(await call(fake, 'GET', 'statuses', { token })));
    expect(levels).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);

    const over = await call(fake, 'GET', 'statuses', { token });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('1');
    expect(calls(over)).toBe('10');
    expect(errorBodySchema.parse(over.body).error_description).toBe('Too many requests');

    clock += 1000; // two calls drained
    expect((await call(fake, 'GET', 'statuses', { token })).status).toBe(200);
    expect((await call(fake, 'GET', 'statuses', { token })).status).toBe(200);
    expect((await call(fake, 'GET', 'statuses', { token })).status).toBe(429);

    clock += 5000;
    const drained = await call(fake, 'GET', 'statuses', { token });
    expect(drained.status).toBe(200);
    expect(calls(drained)).toBe('1');
  });

  it('asks for a longer wait when the bandwidth is small, and can be set full by a test', async () => {
    const clock = Date.UTC(2026, 11, 5, 6);
    fake = await createShoperFake({ now: () => clock });
    const token = await tokenOf(fake);
    fake.shop.setBucket({ limit: 4, bandwidth: 0.5, level: 4 });
    const over = await call(fake, 'GET', 'taxes', { token });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('2');
    expect(over.headers.get('x-shop-api-limit')).toBe('4');
    expect(fake.shop.bucketLevel()).toBe(4);
  });

  it('plays planned faults with Shoper-like bodies and the bucket headers', async () => {
    fake = await createShoperFake();
    const token = await tokenOf(fake);
    fake.faults.inject({ kind: 'status', status: 503, atCall: 0 });
    fake.faults.inject({ kind: 'rate-limit', retryAfterSeconds: 3, atCall: 1 });
    const unavailable = await call(fake, 'GET', 'taxes', { token });
    expect(unavailable.status).toBe(503);
    expect(errorBodySchema.parse(unavailable.body).error).toBe('server_error');
    expect(unavailable.headers.get('x-shop-api-limit')).toBe('10');
    const limited = await call(fake, 'GET', 'taxes', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await call(fake, 'GET', 'taxes', { token })).status).toBe(200);
    expect(fake.faults.calls()).toBe(4);
  });
});
