/** @kasa/pickup: pickup point providers (InPost lockers) and the InPost data mappings they share. */
export { DEMO_PICKUP_POINTS } from './demo-points.ts';
export { centroid, distanceMetres, foldText } from './geo.ts';
export type {
  GeowidgetApi,
  GeowidgetConfig,
  GeowidgetPoint,
  GeowidgetTimeRange,
  GeowidgetWeekday,
} from './geowidget.ts';
export { geowidgetPointToPickupPoint } from './geowidget.ts';
export type { InpostPointItem } from './inpost-points.ts';
export {
  INPOST_CARRIER,
  inpostPointItemSchema,
  inpostPointsPageSchema,
  parseInpostPoint,
  parseInpostPointsPage,
} from './inpost-points.ts';
export type { SandboxPickupOptions, SandboxPickupProvider } from './sandbox-provider.ts';
export { createSandboxPickupProvider } from './sandbox-provider.ts';
export { MAX_SEARCH_LIMIT, searchPickupPoints } from './search.ts';
