import { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { parseWooCommerceConfig, wooCommerceConfigSchema } from './config.ts';

const valid = {
  url: 'https://sklep.example.pl/',
  consumerKey: `ck_${'1'.repeat(40)}`,
  consumerSecret: `cs_${'2'.repeat(40)}`,
  webhookSecret: 'a-webhook-secret',
};

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseWooCommerceConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('platform_config_invalid');
    return (error as KasaError).details?.issues as { path: string; message: string }[];
  }
  throw new Error('expected the configuration to be refused');
}

describe('WooCommerce configuration', () => {
  it('accepts a shop with defaults for the rest', () => {
    const config = parseWooCommerceConfig(valid);
    expect(config.url).toBe('https://sklep.example.pl');
    expect(config).toMatchObject({
      timeoutMs: 10_000,
      gateways: { prepaid: 'kasa', cod: 'cod' },
      restPrefix: 'wp-json',
    });
  });

  it('says the key and the secret were swapped', () => {
    const issues = issuesOf({
      ...valid,
      consumerKey: valid.consumerSecret,
      consumerSecret: valid.consumerKey,
    });
    expect(issues.map((i) => i.path)).toEqual(['woocommerce.consumerKey', 'woocommerce.consumerSecret']);
    expect(issues[0]?.message).toContain('swap consumerKey and consumerSecret');
  });

  it('says where to find a malformed key, without echoing it', () => {
    const issues = issuesOf({ ...valid, consumerKey: 'ck_secretish' });
    expect(issues).toEqual([
      {
        path: 'woocommerce.consumerKey',
        message: expect.stringContaining('WooCommerce → Settings → Advanced → REST API'),
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain('ck_secretish');
  });

  it('names a missing webhook secret, a bad URL and an unknown setting', () => {
    const { webhookSecret: _, ...rest } = valid;
    const issues = issuesOf({ ...rest, url: 'sklep.pl', consumerKeyy: 'x' });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'woocommerce.consumerKeyy',
      'woocommerce.url',
      'woocommerce.webhookSecret',
    ]);
  });

  it('names a missing or malformed credential in the schema itself, as the server’s config shows it', () => {
    const { consumerKey: _, ...rest } = valid;
    const missing = wooCommerceConfigSchema.safeParse(rest).error?.issues[0];
    expect(missing).toMatchObject({
      path: ['consumerKey'],
      message: expect.stringMatching(/^woocommerce\.consumerKey is required: .*REST API/),
    });
    const malformed = wooCommerceConfigSchema.safeParse({ ...valid, consumerKey: 'key_123' }).error
      ?.issues[0];
    expect(malformed?.message).toMatch(/^woocommerce\.consumerKey must start with "ck_"/);
  });
});
