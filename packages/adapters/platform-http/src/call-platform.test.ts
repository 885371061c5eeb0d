import { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import type { Reply } from './answer.ts';
import { type CallSettings, callPlatform, type PlatformCall, tryOnce } from './call-platform.ts';
import type { CallRecord } from './call-record.ts';
import { isUnknownOutcome, PlatformCallError } from './outcome.ts';

type Step = number | { status: number; retryAfter?: string; body?: string } | Error | 'hang';

/** A send function that plays the steps in order and counts the tries. */
function script(steps: Step[]) {
  const seen: number[] = [];
  const send = async (signal: AbortSignal): Promise<Reply<string>> => {
    seen.push(seen.length);
    const step = steps[Math.min(seen.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('no step');
    if (step instanceof Error) throw step;
    if (step === 'hang') return new Promise(() => void signal);
    const { status, retryAfter, body = '' } = typeof step === 'number' ? { status: step } : step;
    return { status, header: (n) => (n === 'retry-after' ? retryAfter : undefined), body };
  };
  return { send, tries: () => seen.length };
}

const reset = () => new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
const refused = () => new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });

function setup(overrides: Partial<CallSettings> = {}) {
  const waits: number[] = [];
  const records: CallRecord[] = [];
  const settings: CallSettings = {
    platform: 'testshop',
    timeoutMs: 1_000,
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    record: (r) => records.push(r),
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  };
  return { settings, waits, records };
}

const read: PlatformCall<string> = {
  api: 'rest',
  operation: 'getOrder: GET /orders/{id}',
  method: 'GET',
  path: '/orders/7?email=jan@example.pl',
  idempotent: true,
};
const write: PlatformCall<string> = {
  ...read,
  operation: 'placeOrder: POST /checkout',
  method: 'POST',
  idempotent: false,
};

async function failure(p: Promise<unknown>): Promise<PlatformCallError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformCallError);
  return error as PlatformCallError;
}

describe('callPlatform', () => {
  it('returns a 2xx or 4xx answer at once: statuses are the caller’s to judge', async () => {
    for (const status of [200, 404, 422]) {
      const { settings, waits } = setup();
      const s = script([status]);
      expect((await callPlatform(settings, write, s.send)).status).toBe(status);
      expect(s.tries()).toBe(1);
      expect(waits).toEqual([]);
    }
  });

  it('retries an idempotent call after 5xx and resets with growing jittered pauses', async () => {
    const { settings, waits } = setup();
    const s = script([503, reset(), 200]);
    expect((await callPlatform(settings, read, s.send)).status).toBe(200);
    expect(s.tries()).toBe(3);
    expect(waits).toEqual([50, 100]);
  });

  it('does not repeat a write whose outcome is unknown (timeout, reset, 5xx): it throws for the caller to look first', async () => {
    for (const step of [500, 502, reset(), 'hang'] as Step[]) {
      const { settings } = setup({ timeoutMs: 20 });
      const s = script([step, 200]);
      const error = await failure(callPlatform(settings, write, s.send));
      expect(s.tries()).toBe(1);
      expect(isUnknownOutcome(error)).toBe(true);
      expect(error.code).toBe('platform_unavailable');
      expect(error.details).toMatchObject({
        platform: 'testshop',
        operation: write.operation,
        outcome: 'unknown',
      });
    }
  });

  it('repeats a write the platform provably did not run: 429, a refused connection', async () => {
    const { settings } = setup();
    const s = script([{ status: 429, retryAfter: '0' }, refused(), 201]);
    expect((await callPlatform(settings, write, s.send)).status).toBe(201);
    expect(s.tries()).toBe(3);
  });

  it('takes more statuses as not done when the settings say so (a 503 before any work)', async () => {
    const { settings } = setup({
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, notDoneStatuses: [429, 503] },
    });
    const s = script([503, 200]);
    expect((await callPlatform(settings, write, s.send)).status).toBe(200);
  });

  it('hands back a 5xx on a write when isRefusal shows the platform refused it', async () => {
    const { settings } = setup();
    const s = script([{ status: 500, body: '<prestashop><errors/></prestashop>' }]);
    const answer = await callPlatform(
      settings,
      { ...write, isRefusal: (a) => a.body.includes('<errors') },
      s.send,
    );
    expect(answer).toMatchObject({ status: 500, body: '<prestashop><errors/></prestashop>' });
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const { settings, waits } = setup();
    const s = script([{ status: 429, retryAfter: '0.8' }, 200]);
    await callPlatform(settings, read, s.send);
    expect(waits).toEqual([800]);
  });

  it('reads Retry-After as an HTTP date against the injected clock', async () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    const { settings, waits } = setup({ now: () => now });
    const s = script([{ status: 503, retryAfter: 'Sat, 05 Dec 2026 10:00:01 GMT' }, 200]);
    await callPlatform(settings, read, s.send);
    expect(waits).toEqual([1_000]);
  });

  it('waits at most maxDelayMs when Retry-After asks for more and no maxRetryAfterMs is set', async () => {
    const { settings, waits } = setup();
    const s = script([{ status: 429, retryAfter: '30' }, 200]);
    expect((await callPlatform(settings, read, s.send)).status).toBe(200);
    expect(waits).toEqual([1_000]);
  });

  it('gives up at once when Retry-After asks for more than maxRetryAfterMs', async () => {
    const { settings, waits } = setup({
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 },
    });
    const s = script([{ status: 429, retryAfter: '30' }, 200]);
    const error = await failure(callPlatform(settings, read, s.send));
    expect(s.tries()).toBe(1);
    expect(waits).toEqual([]);
    expect(error.outcome).toBe('not-done');
    expect(error.details).toMatchObject({ status: 429, attempts: 1, problem: 'HTTP 429, Retry-After 30 s' });
  });

  it('gives up with platform_unavailable after the last try, naming the call and the last status', async () => {
    const { settings } = setup();
    const s = script([503]);
    const error = await failure(callPlatform(settings, read, s.send));
    expect(s.tries()).toBe(3);
    expect(error.details).toMatchObject({
      operation: read.operation,
      status: 503,
      attempts: 3,
      problem: 'HTTP 503',
    });
    expect(error.lastAnswer).toMatchObject({ kind: 'http', status: 503 });
    expect(JSON.stringify(error)).not.toContain('lastAnswer');
  });

  it('times out a try whose send ignores its signal, and aborts the signal', async () => {
    const { settings } = setup({ timeoutMs: 20, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    let aborted = false;
    const error = await failure(
      callPlatform(settings, read, (signal) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise(() => {});
      }),
    );
    expect(aborted).toBe(true);
    expect(error.details).toMatchObject({ error: 'timeout', problem: 'no answer within 20 ms' });
  });

  it('lets a KasaError from the send function through untouched, without retrying', async () => {
    const { settings } = setup();
    let tries = 0;
    const thrown = new KasaError('cart_not_found');
    await expect(
      callPlatform(settings, read, async () => {
        tries++;
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(tries).toBe(1);
  });

  it('records every try with the path stripped of its query, and no body', async () => {
    const { settings, records } = setup();
    const s = script([{ status: 503, body: 'jan@example.pl' }, reset(), 200]);
    await callPlatform(settings, read, s.send);
    expect(records.map(({ ms: _ms, ...r }) => r)).toEqual([
      { api: 'rest', operation: read.operation, method: 'GET', path: '/orders/7', status: 503 },
      { api: 'rest', operation: read.operation, method: 'GET', path: '/orders/7', error: 'ECONNRESET' },
      { api: 'rest', operation: read.operation, method: 'GET', path: '/orders/7', status: 200 },
    ]);
    expect(JSON.stringify(records)).not.toContain('example.pl');
    for (const r of records) expect(r.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('tryOnce', () => {
  it('reports a network failure as an answer, with the timeout flag', async () => {
    const { settings } = setup({ timeoutMs: 20 });
    expect(await tryOnce(settings, read, script(['hang']).send)).toMatchObject({
      kind: 'network',
      timeout: true,
    });
    expect(await tryOnce(settings, read, script([refused()]).send)).toEqual({
      kind: 'network',
      timeout: false,
      message: 'ECONNREFUSED',
      neverSent: true,
    });
  });
});
