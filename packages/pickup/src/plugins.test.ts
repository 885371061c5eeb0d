import type { PickupPlugin, PluginContext } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { inpostPickupPlugin, orlenPickupPlugin, sandboxPickupPlugin } from './plugins.ts';

const logged: unknown[] = [];
const context: PluginContext = {
  publicUrl: 'http://kasa.test',
  notifyUrl: 'http://kasa.test/api/payments/notify/none',
  log: (level, fields, message) => void logged.push({ level, fields, message }),
};

/** A Geowidget-like token (unsigned: Kasa only reads its public claims). */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256","typ":"JWT"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.')
    .concat('.c2lnbmF0dXJl');

const carriers: [string, PickupPlugin<any>][] = [
  ['inpost', inpostPickupPlugin],
  ['orlen', orlenPickupPlugin],
];

describe.each(carriers)('the %s plugin through the PickupPointProvider port', (_name, plugin) => {
  it('finds operating points of its carrier by postcode, town and coordinates on its local fake, and each by id', async () => {
    const fake = await plugin.startFake?.();
    if (!fake) throw new Error('no fake');
    try {
      const pickup = plugin.create(plugin.configSchema.parse(fake.config), context);
      expect(pickup.carrier).toBe(plugin.carrier);
      const inTown = await pickup.search({ query: 'Kraków', limit: 10 });
      expect(inTown.length).toBeGreaterThan(0);
      const [first] = inTown;
      const byPostcode = await pickup.search({ postcode: first?.address.postcode ?? '', limit: 10 });
      const near = await pickup.search({ near: first?.location ?? { lat: 0, lng: 0 }, limit: 10 });
      for (const point of [...inTown, ...byPostcode, ...near]) {
        expect(point).toMatchObject({ carrier: plugin.carrier, status: 'operating' });
      }
      expect(near[0]?.id).toBe(first?.id);
      expect(await pickup.get(first?.id ?? '')).toMatchObject({ id: first?.id, carrier: plugin.carrier });
      expect(
        (await plugin.diagnose?.(plugin.configSchema.parse(fake.config), context))?.every((c) => c.ok),
      ).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('names each setting with its environment variable and where to find it', () => {
    for (const setting of Object.values(plugin.settings)) {
      expect(setting.env).toMatch(/^KASA_[A-Z_]+$/);
      expect(setting.where.length).toBeGreaterThan(10);
    }
    expect(plugin.howToCreate.length).toBeGreaterThan(40);
  });
});

describe('the InPost plugin', () => {
  it('needs nothing for the list: production ShipX, 10 minutes of cache, no map', () => {
    const config = inpostPickupPlugin.configSchema.parse({});
    expect(config).toEqual({ environment: 'production', cacheMinutes: 10 });
    expect(inpostPickupPlugin.mapWidget?.(config)).toBeUndefined();
  });

  it("gives the widget the merchant's Geowidget token, with InPost's sandbox map in the sandbox", () => {
    const token = jwt({ allowed_referrers: 'sklep.pl' });
    const config = inpostPickupPlugin.configSchema.parse({ geowidgetToken: token, environment: 'sandbox' });
    expect(inpostPickupPlugin.mapWidget?.(config)).toEqual({ token, sandbox: true });
    expect(inpostPickupPlugin.capabilities).toEqual(['search_near', 'map_widget']);
    expect(inpostPickupPlugin.settings.geowidgetToken).toMatchObject({ env: 'KASA_INPOST_GEOWIDGET_TOKEN' });
    expect(inpostPickupPlugin.settings.geowidgetToken?.secret).toBeUndefined();
  });

  it('refuses a Geowidget token that is not one, saying where to get it', () => {
    const result = inpostPickupPlugin.configSchema.safeParse({ geowidgetToken: 'my-token' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('Moje konto › API › Geowidget');
  });

  it('tells kasa doctor when the Geowidget token expired or the Points API does not answer', async () => {
    const fake = await inpostPickupPlugin.startFake?.();
    if (!fake) throw new Error('no fake');
    try {
      const expired = inpostPickupPlugin.configSchema.parse({
        ...fake.config,
        geowidgetToken: jwt({ exp: Date.parse('2024-01-31T00:00:00Z') / 1000 }),
      });
      const checks = await inpostPickupPlugin.diagnose?.(expired, context);
      expect(checks?.find((c) => c.name === 'points-api')?.ok).toBe(true);
      expect(checks?.find((c) => c.name === 'geowidget-token')).toMatchObject({
        ok: false,
        detail: expect.stringContaining('expired on 2024-01-31'),
        fix: expect.stringContaining('KASA_INPOST_GEOWIDGET_TOKEN'),
      });
    } finally {
      await fake.close();
    }
    const down = inpostPickupPlugin.configSchema.parse({ apiUrl: fake.url });
    const [points] = (await inpostPickupPlugin.diagnose?.(down, context)) ?? [];
    expect(points).toMatchObject({ name: 'points-api', ok: false, fix: expect.stringContaining('apiUrl') });
  });
});

describe('the ORLEN Paczka plugin', () => {
  it('asks for the PartnerID and PartnerKey, naming their variables; the key is a secret', () => {
    const result = orlenPickupPlugin.configSchema.safeParse({ partnerId: 'X' });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('KASA_ORLEN_PARTNER_KEY'),
    ]);
    expect(orlenPickupPlugin.settings.partnerKey?.secret).toBe(true);
  });

  it('tells kasa doctor a wrong PartnerKey with ORLEN Paczka’s own words and the fix', async () => {
    const fake = await orlenPickupPlugin.startFake?.();
    if (!fake) throw new Error('no fake');
    try {
      const config = orlenPickupPlugin.configSchema.parse({ ...fake.config, partnerKey: 'WRONG' });
      const [check] = (await orlenPickupPlugin.diagnose?.(config, context)) ?? [];
      expect(check).toMatchObject({
        name: 'points-list',
        ok: false,
        detail: expect.stringContaining('Niepoprawny PartnerID lub PartnerKey'),
        fix: expect.stringContaining('KASA_ORLEN_PARTNER_KEY'),
      });
    } finally {
      await fake.close();
    }
  });
});

describe('the sandbox plugin', () => {
  it('serves the made-up demo lockers, marked demo, with no settings', async () => {
    const pickup = sandboxPickupPlugin.create(sandboxPickupPlugin.configSchema.parse({}), context);
    const points = await pickup.search({ query: 'Warszawa', limit: 5 });
    expect(points).toHaveLength(5);
    expect(points.every((p) => p.demo === true)).toBe(true);
    expect(sandboxPickupPlugin).toMatchObject({ name: 'sandbox', label: expect.stringContaining('demo') });
  });
});
