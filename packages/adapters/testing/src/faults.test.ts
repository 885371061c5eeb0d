import { describe, expect, it } from 'vitest';
import { createFaultPlan, serveFake } from './faults.ts';

const ok = () => ({ status: 200, body: { ok: true } });

/** A handler that counts its runs. */
function counting() {
  const counter = {
    runs: 0,
    handler: () => {
      counter.runs += 1;
      return ok();
    },
  };
  return counter;
}

describe('fault plan', () => {
  it('plays a fault at the planned request counted from the injection', () => {
    const plan = createFaultPlan();
    plan.take();
    plan.inject({ kind: 'status', status: 503, atCall: 1 });
    expect(plan.take()).toBeUndefined();
    expect(plan.take()).toEqual({ kind: 'status', status: 503 });
    expect(plan.take()).toBeUndefined();
    expect(plan.calls()).toBe(4);
    expect(plan.pending()).toBe(0);
  });

  it('refuses a negative or fractional call index', () => {
    expect(() => createFaultPlan().inject({ kind: 'timeout', atCall: -1 })).toThrow(RangeError);
    expect(() => createFaultPlan().inject({ kind: 'timeout', atCall: 0.5 })).toThrow(RangeError);
  });
});

describe('fake server', () => {
  it('answers status and 429 faults without running the handler', async () => {
    const faults = createFaultPlan();
    const handled = counting();
    const server = await serveFake({ faults, handler: handled.handler });
    try {
      faults.inject({ kind: 'status', status: 502, atCall: 0 });
      faults.inject({ kind: 'rate-limit', retryAfterSeconds: 7, atCall: 1 });
      expect((await fetch(server.url)).status).toBe(502);
      const limited = await fetch(server.url);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect((await fetch(server.url)).status).toBe(200);
      expect(handled.runs).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('cuts the connection before or after the handler ran', async () => {
    const faults = createFaultPlan();
    const handled = counting();
    const server = await serveFake({ faults, handler: handled.handler });
    try {
      faults.inject({ kind: 'reset', after: false, atCall: 0 });
      await expect(fetch(server.url, { method: 'POST', body: '{}' })).rejects.toThrow();
      expect(handled.runs).toBe(0);
      faults.inject({ kind: 'reset', after: true, atCall: 0 });
      await expect(fetch(server.url, { method: 'POST', body: '{}' })).rejects.toThrow();
      expect(handled.runs).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('hangs until the client gives up, and still closes', async () => {
    const faults = createFaultPlan();
    const server = await serveFake({ faults, handler: ok });
    faults.inject({ kind: 'timeout', atCall: 0 });
    await expect(fetch(server.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    faults.inject({ kind: 'timeout', atCall: 0 });
    const hanging = fetch(server.url).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    await server.close();
    expect(await hanging).toBeInstanceOf(Error);
  });
});
