/**
 * `@kasa/adapter-testing`: the contract every storefront adapter passes, and the fault-playing
 * HTTP server its fakes are built on.
 */
export type { FakeRequest, FakeResponse } from './faults.ts';
export {
  blik,
  cashOnDelivery,
  inpostLocker,
  orderInput,
  polishAddress,
  polishCompany,
  polishContact,
} from './fixtures.ts';
export {
  type AdapterHarness,
  describeStorefrontAdapter,
  type HarnessCart,
  type PlatformOrder,
} from './suite.ts';
