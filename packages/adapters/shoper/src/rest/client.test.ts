import type { KasaError } from '@kasa/core';
import type { CallRecord } from '@kasa/platform-http';
import { describe, expect, it } from 'vitest';
import { parseShoperConfig } from '../config.ts';
import { createShoperRest } from './client.ts';

const config = parseShoperConfig({
  shopUrl: 'https://sklep.example.pl',
  auth: { login: 'kasa', password: 'webapi-password' },
  webhookSecret: 'klucz-webhooka',
  paymentIds: { prepaid: 3 },
  retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A shop that issues numbered tokens and answers GETs with `answer(token)`. */
function shop(answer: (token: string) => Response) {
  const seen: string[] = [];
  let issued = 0;
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const authorization = String((init?.headers as Record<string, string> | undefined)?.authorization);
    seen.push(`${init?.method} ${path} ${authorization.split(' ')[0]}`);
    if (path.endsWith('/auth')) {
      issued++;
      return json(200, { access_token: `t${issued}`, expires_in: 3600, token_type: 'bearer' });
    }
    return answer(authorization.replace('Bearer ', ''));
  };
  return { fetch: fetch as typeof globalThis.fetch, seen, issued: () => issued };
}

const policy = { operation: 'test: GET /orders/{id}', idempotent: true };

describe('Shoper REST client', () => {
  it('sends the Basic login to /auth, then the bearer token, and counts every call', async () => {
    const fake = shop(() => json(200, { ok: true }, { 'x-shop-api-calls': '4', 'x-shop-api-limit': '10' }));
    const calls: CallRecord[] = [];
    const rest = createShoperRest(config, { fetch: fake.fetch, onCall: (c) => calls.push(c) });
    const answer = await rest.request(policy, 'GET', '/orders/7', { query: { limit: 1 } });
    expect(answer.status).toBe(200);
    expect(fake.seen).toEqual(['POST /webapi/rest/auth Basic', 'GET /webapi/rest/orders/7 Bearer']);
    expect(calls.map((c) => [c.operation, c.path])).toEqual([
      ['auth: POST /auth', '/auth'],
      ['test: GET /orders/{id}', '/orders/7'],
    ]);
    expect(rest.bucket.state.level).toBe(4);
  });

  it('renews the token once on a 401 and repeats the call once', async () => {
    const fake = shop((token) =>
      token === 't1' ? json(401, { error: 'unauthorized_client' }) : json(200, {}),
    );
    const rest = createShoperRest(config, { fetch: fake.fetch });
    expect((await rest.request(policy, 'GET', '/orders/7')).status).toBe(200);
    expect(fake.issued()).toBe(2);
    expect(fake.seen.filter((s) => s.startsWith('GET'))).toHaveLength(2);
  });

  it('gives platform_auth_failed when the renewed token is refused too, without a third try', async () => {
    const fake = shop(() => json(401, { error: 'unauthorized_client' }));
    const rest = createShoperRest(config, { fetch: fake.fetch });
    const error = (await rest.request(policy, 'GET', '/orders/7').catch((e: unknown) => e)) as KasaError;
    expect(error.code).toBe('platform_auth_failed');
    expect(fake.issued()).toBe(2);
    expect(fake.seen.filter((s) => s.startsWith('GET'))).toHaveLength(2);
  });

  it('refuses wrong credentials at /auth with a hint naming the settings, never the password', async () => {
    const fetch = (async () =>
      json(401, { error: 'unauthorized_client', error_description: 'bad' })) as typeof globalThis.fetch;
    const rest = createShoperRest(config, { fetch });
    const error = (await rest.request(policy, 'GET', '/orders/7').catch((e: unknown) => e)) as KasaError;
    expect(error.code).toBe('platform_auth_failed');
    expect(String(error.details?.hint)).toContain('shoper.auth.login');
    expect(JSON.stringify(error.details)).not.toContain('webapi-password');
  });
});
