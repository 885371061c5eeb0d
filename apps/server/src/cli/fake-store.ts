/** `--store woocommerce-fake|prestashop-fake` for `kasa start` and `kasa doctor`. */
import { type KasaConfig, loadConfig, storeSchema } from '../config.ts';
import { startFakeStore } from '../storefront/adapter.ts';
import type { FakeStore } from '../storefront/fakes.ts';

/**
 * The configuration with its store pointed at a local fake of that platform, started here; the
 * caller closes the fake.
 *
 * @example
 * const { config, fake } = await configOnFake('woocommerce-fake');
 */
export async function configOnFake(name: string): Promise<{ config: KasaConfig; fake: FakeStore }> {
  const config = loadConfig({ overrides: { store: { platform: 'sandbox' } } });
  const fake = await startFakeStore(name);
  try {
    return { config: { ...config, store: storeSchema.parse(fake.store) }, fake };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
