import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/cli/doctor.ts';
import { configSchema, type StoreConfigInput } from '../src/config.ts';
import { startFakeStore } from '../src/storefront/adapter.ts';
import type { FakeStore } from '../src/storefront/fakes.ts';

/** `kasa doctor` on a configuration: the exit code and what it printed. */
async function doctorOn(store: StoreConfigInput) {
  const lines: string[] = [];
  const config = configSchema.parse({ store });
  const code = await runDoctor(config, (text) => lines.push(text));
  return { code, text: lines.join('\n') };
}

const FAKES = ['woocommerce-fake', 'prestashop-fake', 'shopify-fake', 'shoper-fake'] as const;

describe.each(FAKES)('kasa doctor on %s', (name) => {
  let fake: FakeStore;
  beforeAll(async () => {
    fake = await startFakeStore(name);
  });
  afterAll(() => fake?.close());

  it('passes every check on a healthy shop and exits 0', async () => {
    const { code, text } = await doctorOn(fake.store);
    expect(code).toBe(0);
    expect(text).toMatch(/✓ reachable/);
    expect(text).toMatch(/✓ credentials/);
    expect(text).not.toContain('✗');
    expect(text).toMatch(/checks passed\./);
  });

  it('marks the credentials ✗ with the fix, and exits 1, for a wrong key', async () => {
    const store = fake.store;
    const wrong: StoreConfigInput =
      store.platform === 'woocommerce'
        ? { ...store, consumerKey: `ck_${'0'.repeat(40)}` }
        : store.platform === 'prestashop'
          ? { ...store, webserviceKey: 'WRONGKEY0000000000000000000000XX' }
          : store.platform === 'shopify'
            ? { ...store, adminAccessToken: 'shpat_not_the_shops_token' }
            : store.platform === 'shoper' && 'login' in store.auth
              ? { ...store, auth: { ...store.auth, password: 'not-the-webapi-password' } }
              : store;
    const { code, text } = await doctorOn(wrong);
    expect(code).toBe(1);
    expect(text).toMatch(/✗ credentials/);
    const failed = text.split('\n').findIndex((line) => line.includes('✗ credentials'));
    expect(text.split('\n')[failed + 1]).toMatch(/^\s+fix: \S/);
    expect(text).toMatch(/checks failed/);
    // The secrets stay out of the report.
    const secret = store.platform === 'woocommerce' ? store.consumerSecret : undefined;
    if (secret) expect(text).not.toContain(secret);
  });
});

describe('kasa doctor and kasa start with a misconfigured store', () => {
  const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [tsx, cli, ...args], {
        cwd: mkdtempSync(join(tmpdir(), 'kasa-doctor-')),
        env: { PATH: process.env.PATH ?? '', KASA_DB: ':memory:', ...env },
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        out += chunk;
      });
      child.on('close', (code) => resolve({ code, out }));
    });
  const env = {
    KASA_STORE_PLATFORM: 'woocommerce',
    KASA_WOOCOMMERCE_URL: 'https://sklep.pl',
    KASA_WOOCOMMERCE_CONSUMER_KEY: `cs_${'1'.repeat(40)}`,
    KASA_WOOCOMMERCE_CONSUMER_SECRET: `cs_${'2'.repeat(40)}`,
    KASA_WOOCOMMERCE_WEBHOOK_SECRET: 'whsec-0123456789',
  };

  it.each([['start'], ['doctor']])(
    'kasa %s stops with the key and what is wrong, exit 1',
    async (command) => {
      const { code, out } = await run([command], env);
      expect(code).toBe(1);
      expect(out).toContain('Kasa cannot start: the configuration is invalid.');
      expect(out).toMatch(/store\.consumerKey holds the consumer secret \(cs_…\)/);
      expect(out).toContain('environment variable KASA_WOOCOMMERCE_CONSUMER_KEY');
      expect(out).not.toContain('2'.repeat(40));
      expect(out).not.toContain('Kasa is running');
    },
  );
});
