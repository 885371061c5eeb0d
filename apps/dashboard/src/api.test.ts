import { describe, expect, it } from 'vitest';
import { getAlerts, request } from './api.ts';

const respond =
  (status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) =>
  async (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };

describe('API requests', () => {
  it('sends the token as a Bearer header and JSON bodies with their type', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const result = await request(
      '/api/analytics/okr',
      'tok',
      { method: 'PUT', body: '{}' },
      respond(200, { objectives: [] }, seen),
    );
    expect(result).toEqual({ kind: 'ok', data: { objectives: [] } });
    expect(seen.init?.headers).toMatchObject({
      authorization: 'Bearer tok',
      'content-type': 'application/json',
    });
  });

  it('turns 401 into a sign-in with the server message', async () => {
    const body = {
      error: { code: 'unauthorized', message: 'Zaloguj się.', merchantMessage: 'Send the token.' },
    };
    expect(await request('/x', 'tok', {}, respond(401, body))).toEqual({
      kind: 'unauthorized',
      message: 'Zaloguj się.',
    });
  });

  it('keeps validation issues of a 400 and survives a network failure', async () => {
    const issues = [
      { path: 'objectives.0.keyResults.0.target', message: 'target must differ from baseline' },
    ];
    const body = {
      error: { code: 'body_invalid', message: 'Popraw.', merchantMessage: 'Invalid', details: { issues } },
    };
    expect(await request('/x', 'tok', {}, respond(400, body))).toEqual({
      kind: 'error',
      status: 400,
      message: 'Popraw.',
      merchantMessage: 'Invalid',
      issues: [
        { path: ['objectives', 0, 'keyResults', 0, 'target'], message: 'target must differ from baseline' },
      ],
    });
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await request('/x', 'tok', {}, offline)).toMatchObject({ kind: 'error', status: 0 });
  });

  it('reads the merchant alerts with the token', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const alert = {
      code: 'order_unconfirmed',
      checkoutId: 'chk_1',
      orderId: 'ord_1',
      paymentId: 'pay_1',
      provider: 'sandbox',
      since: '2026-01-01T00:00:00.000Z',
    };
    const result = await getAlerts('tok', respond(200, { alerts: [alert] }, seen));
    expect(result).toEqual({ kind: 'ok', data: { alerts: [alert] } });
    expect(seen.url).toBe('/api/alerts');
    expect(seen.init?.headers).toMatchObject({ authorization: 'Bearer tok' });
  });
});
