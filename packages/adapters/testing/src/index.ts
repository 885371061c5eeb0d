/**
 * `@kasa/adapter-testing`: the contract every storefront adapter passes, and the fault-playing
 * HTTP server its fakes are built on.
 */
export {
  createFaultPlan,
  describeFault,
  FAULT_KINDS,
  type FakeHandler,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FakeServerOptions,
  type FaultPlan,
  type ScheduledFault,
  serveFake,
  type UpstreamFault,
} from './faults.ts';
export {
  blik,
  cashOnDelivery,
  inpostLocker,
  newCheckoutIds,
  orderInput,
  polishAddress,
  polishCompany,
  polishContact,
} from './fixtures.ts';
export {
  type AdapterHarness,
  type ContractSuiteOptions,
  describeStorefrontAdapter,
  type ExpectedLine,
  type HarnessCart,
  type PlatformOrder,
} from './suite.ts';
