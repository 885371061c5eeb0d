/** @kasa/pickup/fake: local fakes of the carriers' point APIs, for development and the tests. */
export type { FakeInpostPoints, FakeInpostPointsOptions, InpostPointItem } from './inpost.ts';
export { fakeInpostItems, startFakeInpostPoints, toInpostItem } from './inpost.ts';
