import { afterEach, describe, expect, it } from 'vitest';
import { stripeConfigSchema } from './config.ts';
import { startStripeFake } from './fake/stripe-fake.ts';
import { stripePlugin } from './plugin.ts';
import { blikStart } from './test-helpers.ts';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

const context = (notifyUrl = 'http://127.0.0.1:3000/api/payments/notify/stripe') => ({
  publicUrl: 'http://127.0.0.1:3000',
  notifyUrl,
  log: () => undefined,
});

const messages = (input: unknown) =>
  (stripeConfigSchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('stripePlugin configuration', () => {
  it('says where in the Stripe Dashboard each credential is', () => {
    expect(messages({ secretKey: 'pk_test_abcdefgh12', webhookSecret: 'sk_test_abcdefgh12' })).toEqual([
      expect.stringMatching(/^secretKey: .*Developers › API keys › Secret key/),
      expect.stringMatching(/^webhookSecret: .*not an API key.*Developers › Webhooks/),
    ]);
    expect(messages({})).toEqual([
      expect.stringMatching(/^secretKey: secretKey is missing/),
      expect.stringMatching(/^webhookSecret: webhookSecret is missing/),
    ]);
  });

  it('refuses a publishable key of the other mode, and fills the defaults', () => {
    const keys = { secretKey: 'sk_live_abcdefgh12', webhookSecret: 'whsec_abcdefgh12' };
    expect(messages({ ...keys, publishableKey: 'pk_test_abcdefgh12' })).toEqual([
      expect.stringMatching(
        /^publishableKey: publishableKey is a test-mode key but secretKey is a live-mode one/,
      ),
    ]);
    expect(stripeConfigSchema.parse(keys)).toEqual({ ...keys, cards: false, timeoutMs: 15_000 });
  });

  it('names its environment variables and marks the secrets', () => {
    expect(stripePlugin.settings.secretKey).toMatchObject({ env: 'KASA_STRIPE_SECRET_KEY', secret: true });
    expect(stripePlugin.settings.webhookSecret).toMatchObject({
      env: 'KASA_STRIPE_WEBHOOK_SECRET',
      secret: true,
    });
    expect(stripePlugin.settings.publishableKey?.secret).toBeUndefined();
  });
});

describe('stripePlugin.diagnose', () => {
  async function fakeConfig(options: Parameters<typeof startStripeFake>[0] = {}) {
    const fake = await startStripeFake(options);
    closing.push(() => fake.close());
    return {
      fake,
      config: stripeConfigSchema.parse({
        secretKey: fake.secretKey,
        webhookSecret: fake.webhookSecret,
        apiUrl: fake.url,
      }),
    };
  }

  it('passes a set-up account: key accepted, test mode named, BLIK active, the endpoint with Kasa’s events', async () => {
    const notifyUrl = 'http://127.0.0.1:3000/api/payments/notify/stripe';
    const { config } = await fakeConfig({ webhookUrl: notifyUrl });
    const checks = (await stripePlugin.diagnose?.(config, context(notifyUrl))) ?? [];
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['mode', true],
      ['credentials', true],
      ['blik', true],
      ['webhook-endpoint', true],
    ]);
    expect(checks[0]?.detail).toContain('Test mode');
  });

  it('names the fix for BLIK off and for a missing webhook endpoint', async () => {
    const { config } = await fakeConfig({ blikCapability: 'inactive' });
    const checks = (await stripePlugin.diagnose?.(config, context())) ?? [];
    expect(checks.find((c) => c.name === 'blik')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('Payment methods'),
    });
    expect(checks.find((c) => c.name === 'webhook-endpoint')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('http://127.0.0.1:3000/api/payments/notify/stripe'),
    });
  });

  it('fails credentials with the fix and without the key, for a refused key and for no answer', async () => {
    const { config, fake } = await fakeConfig();
    const refused = await stripePlugin.diagnose?.(
      { ...config, secretKey: 'sk_test_wrongWrong123' },
      context(),
    );
    expect(refused?.map((c) => [c.name, c.ok])).toEqual([
      ['mode', true],
      ['credentials', false],
    ]);
    expect(refused?.[1]?.fix).toContain('KASA_STRIPE_SECRET_KEY');
    expect(JSON.stringify(refused)).not.toContain('wrongWrong');
    await fake.close();
    const down = await stripePlugin.diagnose?.({ ...config, timeoutMs: 1_000 }, context());
    expect(down?.[1]).toMatchObject({
      name: 'credentials',
      ok: false,
      detail: expect.stringContaining('did not answer'),
    });
  });
});

describe('stripePlugin.startFake', () => {
  it('starts a fake the plugin’s own provider takes a BLIK payment through', async () => {
    const fake = await stripePlugin.startFake?.();
    if (!fake) throw new Error('stripePlugin has a fake');
    closing.push(() => fake.close());
    expect(fake.config.apiUrl).toBe(fake.url);
    const provider = stripePlugin.create(fake.config, context());
    expect(provider.id).toBe('stripe');
    const attempt = await provider.start(blikStart('pay_plugin', '777123'));
    expect(attempt).toMatchObject({
      status: 'awaiting_confirmation',
      providerRef: expect.stringMatching(/^pi_/),
    });
  });
});
