import { afterEach, describe, expect, it } from 'vitest';
import { createShoperAdapter } from './adapter.ts';
import { createShoperFake, type ShoperFake, testAdapterConfig } from './fake/index.ts';

let fake: ShoperFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(fakeOptions: Parameters<typeof createShoperFake>[0] = {}) {
  fake = await createShoperFake(fakeOptions);
  return { fake, adapter: createShoperAdapter(testAdapterConfig(fake)) };
}

describe('kasa doctor on a Shoper shop', () => {
  it('diagnoses the healthy fake with every check passing, and names the fix for wrong credentials', async () => {
    const { fake: shop, adapter } = await setUp();
    const checks = await adapter.diagnose();
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['reachable', 'credentials', 'permissions', 'mapping', 'webhook', 'bucket']),
    );
    const wrong = createShoperAdapter(
      testAdapterConfig(shop, { auth: { login: shop.config.auth.login, password: 'nope' } }),
    );
    const failed = (await wrong.diagnose()).find((c) => c.name === 'credentials');
    expect(failed?.ok).toBe(false);
    expect(failed?.fix).toMatch(/shoper\.auth/);
  });

  it('diagnoses a shop without a webhook to Kasa as a failed webhook check with the fix', async () => {
    const { adapter } = await setUp({ webhooks: [] });
    const webhook = (await adapter.diagnose()).find((c) => c.name === 'webhook');
    expect(webhook).toMatchObject({ ok: false });
    expect(webhook?.fix).toContain('/api/webhooks/shoper');
  });

  it('diagnose() never throws: an unreachable shop is a failed reachable check with a fix', async () => {
    fake = await createShoperFake();
    const config = testAdapterConfig(fake, { endpoint: 'http://127.0.0.1:9' });
    const checks = await createShoperAdapter(config).diagnose();
    expect(checks[0]).toMatchObject({ name: 'reachable', ok: false });
    expect(checks[0]?.fix).toContain('shopUrl');
  });
});
