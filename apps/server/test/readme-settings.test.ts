import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAYMENT_PROVIDERS, PICKUP_PROVIDERS } from '../src/plugins/registry.ts';
import { STOREFRONTS } from '../src/storefront/adapter.ts';

/**
 * The README's configuration tables are the merchant's map: every storefront, payment provider and
 * pickup provider in the registry is named there, with each environment variable that fills one of
 * its settings.
 */
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README documents every plugin of the registry', () => {
  const plugins = [
    ...Object.values(STOREFRONTS).map((p) => ({ kind: 'store', name: p.name, settings: p.settings })),
    ...PAYMENT_PROVIDERS.map((p) => ({ kind: 'payments', name: p.name, settings: p.settings })),
    ...PICKUP_PROVIDERS.map((p) => ({ kind: 'pickup', name: p.name, settings: p.settings })),
  ];
  it.each(plugins)('$kind $name and its environment variables', ({ name, settings }) => {
    expect(readme).toContain(`\`${name}\``);
    for (const setting of Object.values(settings)) {
      if ('env' in setting) expect(readme, `${name}: ${setting.env}`).toContain(setting.env);
    }
  });
});
