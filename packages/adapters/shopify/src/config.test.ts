import { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { parseShopifyConfig } from './config.ts';

const base = {
  shop: 'sklep.myshopify.com',
  adminAccessToken: 'shpat_0123456789abcdef',
  apiSecretKey: 'shpss_secret_0123456789',
  storefrontPrivateToken: 'shpsa_0123456789abcdef',
};

const issuesOf = (input: unknown): { path: string; message: string }[] => {
  try {
    parseShopifyConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('platform_config_invalid');
    return (error as KasaError).details?.issues as { path: string; message: string }[];
  }
  throw new Error('the configuration was accepted');
};

describe('Shopify configuration', () => {
  it('defaults to mode A, a supported Admin API version and no custom app', () => {
    const config = parseShopifyConfig(base);
    expect(config).toMatchObject({ mode: 'A', customApp: false, apiVersion: '2025-10', timeoutMs: 10_000 });
  });

  it('refuses mode B without customApp and says why (API terms §2.3.18, App Store 1.1.2)', () => {
    const issues = issuesOf({ ...base, mode: 'B' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('shopify.customApp');
    expect(issues[0]?.message).toMatch(/§2\.3\.18/);
    expect(issues[0]?.message).toMatch(/1\.1\.2/);
    expect(issues[0]?.message).toMatch(/customApp: true/);
  });

  it('accepts mode B with customApp, also as the text "true" of an environment variable', () => {
    expect(parseShopifyConfig({ ...base, mode: 'B', customApp: 'true' })).toMatchObject({
      mode: 'B',
      customApp: true,
    });
  });

  it('takes the shop as its myshopify domain and refuses the shop’s own domain', () => {
    expect(parseShopifyConfig({ ...base, shop: 'https://Sklep.myshopify.com/' }).shop).toBe(
      'sklep.myshopify.com',
    );
    expect(issuesOf({ ...base, shop: 'sklep.pl' })[0]?.message).toMatch(/myshopify domain/);
  });

  it('refuses an API version the library does not know, naming the ones it does', () => {
    expect(issuesOf({ ...base, apiVersion: '2019-04' })[0]?.message).toMatch(/2025-10/);
  });

  it('names a missing token and where to find it, never echoing a secret', () => {
    const issues = issuesOf({ ...base, adminAccessToken: undefined, apiSecretKey: 'short' });
    expect(issues.map((i) => i.path)).toEqual(['shopify.adminAccessToken', 'shopify.apiSecretKey']);
    expect(issues[0]?.message).toMatch(/Develop apps/);
    expect(JSON.stringify(issues)).not.toContain('short"');
  });

  it('takes an endpoint only on the loopback (the local fake)', () => {
    expect(parseShopifyConfig({ ...base, endpoint: 'http://127.0.0.1:41234' }).endpoint).toBe(
      'http://127.0.0.1:41234',
    );
    expect(issuesOf({ ...base, endpoint: 'https://evil.example' })[0]?.path).toBe('shopify.endpoint');
  });
});
