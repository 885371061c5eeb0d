import { describe, expect, it } from 'vitest';
import type { CallRecord } from './call-record.ts';
import { isUnknownOutcome, PlatformCallError } from './outcome.ts';
import { type PlatformFetchOptions, platformFetch } from './platform-fetch.ts';

/** A fetch that answers from a list and remembers what it was asked. */
function fakeFetch(answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (next === undefined || next instanceof Error) throw next ?? new Error('no answer');
    return next.clone();
  };
  return { fetch, calls };
}

function options(fetch: PlatformFetchOptions['fetch'], extra: Partial<PlatformFetchOptions> = {}) {
  const records: CallRecord[] = [];
  const opts: PlatformFetchOptions = {
    platform: 'shopify',
    api: 'admin-graphql',
    timeoutMs: 1_000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    sleep: async () => {},
    record: (r) => records.push(r),
    ...(fetch ? { fetch } : {}),
    ...extra,
  };
  return { opts, records };
}

const URL_ = 'https://kasa-demo.myshopify.com/admin/api/2025-07/graphql.json?x=1';

describe('platformFetch', () => {
  it('returns the Response with its body unread, and records the call without the query', async () => {
    const shop = fakeFetch([new Response('{"data":{}}', { status: 200 })]);
    const { opts, records } = options(shop.fetch);
    const response = await platformFetch(opts)(URL_, {
      method: 'POST',
      body: '{"query":"{ shop { name } }"}',
    });
    expect(await response.json()).toEqual({ data: {} });
    expect(records).toMatchObject([
      {
        api: 'admin-graphql',
        operation: 'POST /admin/api/2025-07/graphql.json',
        method: 'POST',
        path: '/admin/api/2025-07/graphql.json',
        status: 200,
      },
    ]);
    expect(shop.calls[0]?.init?.body).toBe('{"query":"{ shop { name } }"}');
    expect(shop.calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('retries a query the caller marks idempotent after a 502, sending the same body again', async () => {
    const shop = fakeFetch([new Response('', { status: 502 }), new Response('{"data":{}}', { status: 200 })]);
    const { opts } = options(shop.fetch, {
      idempotent: (_u, init) => !String(init.body).includes('mutation'),
    });
    const response = await platformFetch(opts)(URL_, {
      method: 'POST',
      body: '{"query":"{ shop { name } }"}',
    });
    expect(response.status).toBe(200);
    expect(shop.calls.map((c) => c.init?.body)).toEqual([
      '{"query":"{ shop { name } }"}',
      '{"query":"{ shop { name } }"}',
    ]);
  });

  it('throws an unknown outcome for a mutation answered 502, without repeating it', async () => {
    const shop = fakeFetch([new Response('', { status: 502 }), new Response('{}', { status: 200 })]);
    const { opts } = options(shop.fetch, {
      idempotent: (_u, init) => !String(init.body).includes('mutation'),
    });
    const error = await platformFetch(opts)(URL_, {
      method: 'POST',
      body: '{"query":"mutation { orderCreate }"}',
    }).catch((e: unknown) => e);
    expect(isUnknownOutcome(error)).toBe(true);
    expect(shop.calls).toHaveLength(1);
  });

  it('hands back the last 429 when the tries run out, so the caller’s library sees the throttle', async () => {
    const shop = fakeFetch([
      new Response('{"errors":"Throttled"}', { status: 429, headers: { 'retry-after': '0' } }),
    ]);
    const { opts } = options(shop.fetch);
    const response = await platformFetch(opts)(URL_, { method: 'POST', body: '{}' });
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"errors":"Throttled"}');
    expect(shop.calls).toHaveLength(3);
  });

  it('throws platform_unavailable when the shop never answers a GET', async () => {
    const shop = fakeFetch([new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })]);
    const { opts } = options(shop.fetch);
    const error = await platformFetch(opts)(URL_).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformCallError);
    expect((error as PlatformCallError).details).toMatchObject({
      platform: 'shopify',
      error: 'ECONNRESET',
      attempts: 3,
    });
  });

  it('stops at the caller’s own abort with the caller’s reason, without retrying', async () => {
    const controller = new AbortController();
    let calls = 0;
    const hanging = async (_url: string, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    };
    const { opts, records } = options(hanging);
    const pending = platformFetch(opts)(URL_, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error('shopper left'));
    expect(await pending).toEqual(new Error('shopper left'));
    expect(calls).toBe(1);
    expect(records).toMatchObject([{ error: 'aborted' }]);
  });
});
