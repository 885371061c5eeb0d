import { ApiVersion } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import { createShopifyAdapter } from './adapter.ts';
import { createShopifyFake } from './fake/index.ts';

const byName = (
  checks: readonly { name: string; ok: boolean; detail: string; fix?: string }[],
  name: string,
) => checks.find((c) => c.name === name);

describe('kasa doctor for Shopify', () => {
  it('passes every check on a well-set shop in mode B', async () => {
    const fake = await createShopifyFake();
    try {
      const checks = (await createShopifyAdapter(fake.config).diagnose?.()) ?? [];
      expect(checks.map((c) => c.name)).toEqual([
        'mode',
        'reachable',
        'credentials',
        'api-version',
        'scopes',
        'webhooks',
      ]);
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      expect(fake.admin.orders()).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it('names each missing scope and webhook topic', async () => {
    const fake = await createShopifyFake();
    try {
      fake.admin.setScopes(['read_orders', 'read_products']);
      fake.admin.setWebhookTopics(['ORDERS_CREATE', 'APP_UNINSTALLED']);
      const checks = (await createShopifyAdapter(fake.config).diagnose?.()) ?? [];
      expect(byName(checks, 'scopes')).toMatchObject({ ok: false });
      expect(byName(checks, 'scopes')?.detail).toMatch(/lacks write_orders, write_customers/);
      expect(byName(checks, 'scopes')?.fix).toMatch(/write_orders, write_customers/);
      expect(byName(checks, 'webhooks')?.detail).toMatch(/ORDERS_PAID, ORDERS_CANCELLED/);
      expect(byName(checks, 'webhooks')?.fix).toMatch(/orders\/paid/);
      // Mode A needs less: read_orders is enough.
      const modeA = (await createShopifyAdapter({ ...fake.config, mode: 'A' }).diagnose?.()) ?? [];
      expect(byName(modeA, 'scopes')?.ok).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('says when the configured API version is no longer served', async () => {
    const fake = await createShopifyFake({ servedVersions: ['2026-01', '2026-04'] });
    try {
      const checks =
        (await createShopifyAdapter({ ...fake.config, apiVersion: ApiVersion.October25 }).diagnose?.()) ?? [];
      expect(byName(checks, 'api-version')).toMatchObject({ ok: false });
      expect(byName(checks, 'api-version')?.fix).toMatch(/2026-01/);
    } finally {
      await fake.close();
    }
  });

  it('says a frozen shop (HTTP 402) must be settled in the Shopify admin', async () => {
    const fake = await createShopifyFake({ frozen: true });
    try {
      const checks = (await createShopifyAdapter(fake.config).diagnose?.()) ?? [];
      expect(byName(checks, 'reachable')?.ok).toBe(true);
      expect(byName(checks, 'credentials')).toMatchObject({ ok: false });
      expect(byName(checks, 'credentials')?.fix).toMatch(/frozen/);
    } finally {
      await fake.close();
    }
  });

  it('tells a refused token from an unreachable shop', async () => {
    const fake = await createShopifyFake();
    const wrong = createShopifyAdapter({ ...fake.config, adminAccessToken: 'shpat_not_the_token' });
    const refused = (await wrong.diagnose?.()) ?? [];
    expect(byName(refused, 'reachable')?.ok).toBe(true);
    expect(byName(refused, 'credentials')).toMatchObject({ ok: false });
    expect(byName(refused, 'credentials')?.fix).toMatch(/shpat_/);
    const config = { ...fake.config, timeoutMs: 200, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } };
    await fake.close();
    const gone = (await createShopifyAdapter(config).diagnose?.()) ?? [];
    expect(byName(gone, 'reachable')).toMatchObject({ ok: false });
    expect(byName(gone, 'scopes')?.detail).toMatch(/Not checked/);
  });
});
