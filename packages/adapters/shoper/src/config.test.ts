import type { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseShoperConfig, refuseIncompleteShoperConfig, restBase, shoperConfigObject } from './config.ts';

const valid = {
  shopUrl: 'https://sklep.shoparena.pl/',
  auth: { login: 'kasa', password: 'tajne-haslo-webapi' },
  webhookSecret: 'klucz-webhooka',
  paymentIds: { prepaid: 3, cod: 2 },
};

const issuesOf = (input: unknown) => {
  try {
    parseShoperConfig(input);
  } catch (error) {
    return (error as KasaError).details?.issues as { path: string; message: string }[];
  }
  return [];
};

describe('Shoper settings', () => {
  it('takes the minimum and fills the defaults', () => {
    const config = parseShoperConfig(valid);
    expect(config.shopUrl).toBe('https://sklep.shoparena.pl');
    expect(config).toMatchObject({
      webhookScheme: 'admin',
      lockerShippingIds: [],
      statusIds: {},
      timeoutMs: 10_000,
      maxRetryAfterMs: 10_000,
    });
    expect(restBase(config)).toBe('https://sklep.shoparena.pl/webapi/rest');
    expect(restBase({ ...config, endpoint: 'http://127.0.0.1:4000' })).toBe(
      'http://127.0.0.1:4000/webapi/rest',
    );
  });

  it('accepts ids and lists as environment text', () => {
    const config = parseShoperConfig({
      ...valid,
      paymentIds: { prepaid: '7' },
      lockerShippingIds: '1, 4',
      statusIds: { paid: '3' },
    });
    expect(config.paymentIds).toEqual({ prepaid: 7 });
    expect(config.lockerShippingIds).toEqual([1, 4]);
    expect(config.statusIds.paid).toBe(3);
  });

  it('names each wrong setting and where to find it, never echoing a secret', () => {
    const issues = issuesOf({
      ...valid,
      shopUrl: 'http://sklep.pl',
      paymentIds: { prepaid: 'abc' },
      extra: 1,
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['shoper.shopUrl', 'shoper.paymentIds.prepaid', 'shoper.extra']),
    );
    expect(issues.find((i) => i.path === 'shoper.paymentIds.prepaid')?.message).toContain('Płatności');
    const auth = issuesOf({ ...valid, auth: { login: 'kasa' } });
    expect(auth[0]?.message).toContain('WebAPI');
    expect(
      JSON.stringify(
        issuesOf({ ...valid, auth: { login: 'kasa', password: 'tajne-haslo-webapi', token: 'tajne-2' } }),
      ),
    ).not.toContain('tajne');
    expect(issuesOf({ ...valid, endpoint: 'https://evil.example' })[0]?.message).toContain(
      'only for a local fake',
    );
  });

  it('takes AppStore credentials and refuses them without a code or refresh token', () => {
    const app = { clientId: 'client', clientSecret: 'secret' };
    expect(parseShoperConfig({ ...valid, auth: { ...app, refreshToken: 'r' } }).auth).toMatchObject(app);
    expect(issuesOf({ ...valid, auth: app })[0]?.path).toBe('shoper.auth.refreshToken');
  });

  it('asks for the AppStore secret with the AppStore webhook scheme, also on the server’s extended object', () => {
    expect(issuesOf({ ...valid, webhookScheme: 'appstore' })[0]?.path).toBe('shoper.appstoreSecret');
    const server = shoperConfigObject
      .extend({ platform: z.literal('shoper') })
      .superRefine(refuseIncompleteShoperConfig);
    expect(server.safeParse({ ...valid, platform: 'shoper', webhookScheme: 'appstore' }).success).toBe(false);
    expect(server.safeParse({ ...valid, platform: 'shoper' }).success).toBe(true);
  });
});
