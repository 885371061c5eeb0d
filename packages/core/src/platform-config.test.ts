import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KasaError } from './errors.ts';
import { commaSeparated, parsePlatformConfig } from './platform-config.ts';

const schema = z.strictObject({
  url: z.url(),
  secret: z.string().min(8, 'shop.secret must be at least 8 characters: copy it from the shop'),
});
const names = { key: 'shop', name: 'Shop' };

function issuesOf(input: unknown) {
  try {
    parsePlatformConfig(schema, input, names);
  } catch (error) {
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('platform_config_invalid');
    return (error as KasaError).details as { platform: string; issues: { path: string; message: string }[] };
  }
  throw new Error('expected a refusal');
}

describe('parsePlatformConfig', () => {
  it('answers the parsed settings', () => {
    expect(parsePlatformConfig(schema, { url: 'https://sklep.pl', secret: '12345678' }, names)).toEqual({
      url: 'https://sklep.pl',
      secret: '12345678',
    });
  });

  it('names each wrong setting under the platform key, an unknown one by its own path, and no value', () => {
    const details = issuesOf({ url: 'nie-adres', secret: 'tajne', extra: 1 });
    expect(details.platform).toBe('shop');
    expect(details.issues.map((i) => i.path).sort()).toEqual(['shop.extra', 'shop.secret', 'shop.url']);
    expect(details.issues.find((i) => i.path === 'shop.extra')?.message).toBe(
      'shop.extra is not a Shop setting; remove it or check its spelling',
    );
    // A message that already names its setting is kept as written; others get the path in front.
    expect(details.issues.find((i) => i.path === 'shop.secret')?.message).toMatch(/^shop\.secret must be/);
    expect(details.issues.find((i) => i.path === 'shop.url')?.message).toMatch(/^shop\.url: /);
    expect(JSON.stringify(details)).not.toContain('tajne');
  });
});

describe('a list setting', () => {
  it('takes a list or comma-separated text, each item checked', () => {
    const ids = commaSeparated(z.coerce.number().int().positive());
    expect(ids.parse([4, 7])).toEqual([4, 7]);
    expect(ids.parse(' 4, 7 ,')).toEqual([4, 7]);
    expect(ids.safeParse('4, x').success).toBe(false);
  });
});
