/**
 * The WooCommerce adapter and the Kasa plugin against real WordPress + WooCommerce (see
 * platform.ts), for one WooCommerce version per test file (so two versions may run side by side):
 * one shop for the whole file, the plugin installed from its zip, the storefront adapter contract
 * on both order storages, with and without the plugin, as a guest and as a logged-in customer,
 * then kasa doctor and the order webhook. Faults stay on the fake (contract.test.ts). Skipped,
 * saying why, when the platform kit or its Debian packages are missing, or when
 * `KASA_WOO_VERSIONS` (e.g. `10.0.2`) leaves the version out.
 */
import { describeStorefrontAdapter } from '@kasa/adapter-testing';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { describeRealDoctor } from './doctor.ts';
import { callsPerOrder, describeRealExtras } from './extras.ts';
import { ensureLockerRate, type RealContext, realHarness } from './harness.ts';
import { findKit, type OrderStorage, type RealShop, startRealShop, type WooVersion } from './platform.ts';
import { configurePlugin, installPlugin, setPluginActive } from './plugin.ts';
import { customer, guest, type Shopper } from './shopper.ts';
import { describeShopperPath } from './shopper-path.ts';

/** Without the plugin there is no "kasa" gateway: Kasa's paid orders take an offline one. */
const NO_PLUGIN = { gateways: { prepaid: 'bacs', cod: 'cod' } } as const;

const chosen = (version: WooVersion) =>
  (process.env.KASA_WOO_VERSIONS ?? '10.0.2,8.9.3')
    .split(',')
    .map((v) => v.trim())
    .includes(version);

/** Per version: which storages and variants run (the oldest version runs a smaller set). */
const MATRIX: Record<
  WooVersion,
  { storages: OrderStorage[]; loggedIn: boolean; withoutPlugin: boolean; shopperPath: boolean }
> = {
  '10.0.2': { storages: ['posts', 'hpos'], loggedIn: true, withoutPlugin: true, shopperPath: true },
  '8.9.3': { storages: ['posts', 'hpos'], loggedIn: true, withoutPlugin: true, shopperPath: false },
};

export function describeRealWooCommerce(version: WooVersion): void {
  vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });
  const kit = findKit(version);
  const skip =
    'skip' in kit
      ? kit.skip
      : chosen(version)
        ? undefined
        : `real WooCommerce ${version} left out by KASA_WOO_VERSIONS`;
  if (skip !== undefined || 'skip' in kit) {
    describe(`real WooCommerce ${version}`, () => {
      it.skip(skip ?? '', () => {});
    });
    if ('skip' in kit) console.warn(kit.skip);
    return;
  }

  describe(`real WooCommerce ${version}`, () => {
    let ctx: RealContext | undefined;
    const context = () => {
      if (ctx === undefined) throw new Error('the shop did not start');
      return ctx;
    };
    let shop: RealShop | undefined;
    const shoppers: { guest?: Shopper; customer?: Shopper } = {};
    const both = () => ({ guest: shoppers.guest as Shopper, customer: shoppers.customer as Shopper });

    beforeAll(async () => {
      const started = Date.now();
      shop = await startRealShop(kit.dir, version);
      const admin = await installPlugin(shop);
      const settings = await configurePlugin(admin, {
        serverUrl: 'http://127.0.0.1:3999',
        publicKey: 'pk_kasa_tests',
      });
      // Pending orders reserve stock for an hour and paid ones use it up: a shop kept between runs
      // would run out of coffee. Stock is not what these tests are about.
      await shop.wp('PUT', `/wc/v3/products/${shop.productId}`, { stock_quantity: 1_000_000 });
      ctx = { shop, admin, ...settings, lockerRate: await ensureLockerRate(shop) };
      shoppers.guest = guest(shop);
      shoppers.customer = await customer(shop);
      console.info(
        `real WooCommerce ${version} ready at ${shop.url} in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    });
    afterAll(async () => {
      console.info(
        `platform calls per order on real WooCommerce ${version}:`,
        JSON.stringify(callsPerOrder, null, 1),
      );
      await shop?.stop();
    });

    const { storages, loggedIn, withoutPlugin, shopperPath } = MATRIX[version];
    for (const storage of storages) {
      describe(`${storage} order storage`, () => {
        beforeAll(async () => {
          await context().shop.resetOrders(storage);
        });

        describe('with the Kasa plugin', () => {
          beforeAll(() => setPluginActive(context().shop, true));
          describeStorefrontAdapter(
            `real WooCommerce ${version}, ${storage}, plugin, guest`,
            realHarness(context, () => shoppers.guest as Shopper),
          );
          if (loggedIn) {
            describeStorefrontAdapter(
              `real WooCommerce ${version}, ${storage}, plugin, logged-in customer`,
              realHarness(context, () => shoppers.customer as Shopper),
            );
          }
          describeRealExtras(`${version}, ${storage}, plugin`, context, both, { plugin: true });
        });

        if (withoutPlugin) {
          describe('without the Kasa plugin', () => {
            beforeAll(() => setPluginActive(context().shop, false));
            afterAll(() => setPluginActive(context().shop, true));
            describeStorefrontAdapter(
              `real WooCommerce ${version}, ${storage}, no plugin, guest`,
              realHarness(context, () => shoppers.guest as Shopper, { config: NO_PLUGIN }),
            );
            describeRealExtras(`${version}, ${storage}, no plugin`, context, both, {
              plugin: false,
              config: NO_PLUGIN,
            });
          });
        }
      });
    }

    describe('kasa doctor and the order webhook', () => {
      describeRealDoctor(version, context, () => shoppers.guest as Shopper);
    });

    if (shopperPath) describeShopperPath(version, context);
  });
}
