/** @kasa/pickup/fake: local fakes of the carriers' point APIs, for development and the tests. */
export type { FakeInpostPoints, FakeInpostPointsOptions, InpostPointItem } from './inpost.ts';
export { fakeInpostItems, startFakeInpostPoints, toInpostItem } from './inpost.ts';
export type { FakeOrlenPaczka, FakeOrlenPaczkaOptions } from './orlen.ts';
export { FAKE_ORLEN_PARTNER, fakeOrlenPoints, startFakeOrlenPaczka } from './orlen.ts';
