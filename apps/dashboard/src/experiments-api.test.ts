import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  changeExperiment,
  createExperiment,
  getExperiments,
  runExperiment,
  shipExperiment,
} from './experiments-api.ts';

interface Call {
  readonly url: string;
  readonly method: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** A fetch that answers `status` with `body` and records what it was asked. */
function stubFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: init.headers as Record<string, string>,
    });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('experiment calls', () => {
  it('sends each change to its route with the token, the language and the body', async () => {
    const calls = stubFetch(200, { key: 'payment-order' });
    await getExperiments('t0ken', 'en');
    await createExperiment('t0ken', { template: 'payment-order', kr: 'payments', weights: [0.7, 0.3] }, 'pl');
    await changeExperiment('t0ken', 'payment order', { coverage: 0.5 }, 'pl');
    await runExperiment('t0ken', 'payment-order', 'start', 'pl');
    await runExperiment('t0ken', 'payment-order', 'stop', 'pl');
    await shipExperiment('t0ken', 'payment-order', 'blik-among-others', 'pl');
    expect(calls.map(({ url, method, body }) => [method, url, body])).toEqual([
      ['GET', '/api/analytics/experiments', undefined],
      [
        'POST',
        '/api/analytics/experiments',
        { template: 'payment-order', kr: 'payments', weights: [0.7, 0.3] },
      ],
      ['PATCH', '/api/analytics/experiments/payment%20order', { coverage: 0.5 }],
      ['POST', '/api/analytics/experiments/payment-order/start', undefined],
      ['POST', '/api/analytics/experiments/payment-order/stop', undefined],
      ['POST', '/api/analytics/experiments/payment-order/ship', { variation: 'blik-among-others' }],
    ]);
    expect(calls[0]?.headers).toMatchObject({ authorization: 'Bearer t0ken', 'accept-language': 'en' });
    expect(calls[5]?.headers).toMatchObject({ 'accept-language': 'pl', 'content-type': 'application/json' });
  });

  it('keeps the refusal’s details beside its message and issues', async () => {
    stubFetch(409, {
      error: {
        code: 'experiment_conflict',
        message: 'Tej zmiany nie można teraz wprowadzić w eksperymencie.',
        merchantMessage: 'The experiment cannot make this change now.',
        details: { reason: 'template_running', running: 'checkout-layout' },
      },
    });
    const result = await runExperiment('t0ken', 'layout-2', 'start', 'pl');
    expect(result).toMatchObject({
      kind: 'error',
      status: 409,
      message: 'Tej zmiany nie można teraz wprowadzić w eksperymencie.',
      details: { reason: 'template_running', running: 'checkout-layout' },
    });
  });

  it('splits the issues of an invalid body into field paths', async () => {
    stubFetch(400, {
      error: {
        code: 'body_invalid',
        message: 'x',
        details: { issues: [{ path: 'weights.1', message: 'too big' }] },
      },
    });
    const result = await changeExperiment('t0ken', 'payment-order', { weights: [2, 3] }, 'en');
    expect(result.kind === 'error' ? result.issues : null).toEqual([
      { path: ['weights', 1], message: 'too big' },
    ]);
    expect(result.kind === 'error' ? result.details : null).toEqual({
      issues: [{ path: 'weights.1', message: 'too big' }],
    });
  });

  it('answers a refused token as unauthorized', async () => {
    stubFetch(401, { error: { code: 'unauthorized', message: 'Zaloguj się ponownie.' } });
    expect((await getExperiments('old', 'pl')).kind).toBe('unauthorized');
  });
});
