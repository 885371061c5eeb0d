import type { PickupPoint, PickupPointProvider } from '@kasa/core';
import { DEMO_PICKUP_POINTS } from './demo-points.ts';
import { INPOST_CARRIER } from './inpost-points.ts';
import { searchPickupPoints } from './search.ts';

/** Options of createSandboxPickupProvider. */
export interface SandboxPickupOptions {
  /** The points to serve; by default the made-up demo points plus the real sample KZY01A. */
  readonly points?: readonly PickupPoint[];
}

/** A PickupPointProvider for InPost lockers. */
export interface SandboxPickupProvider extends PickupPointProvider {
  readonly carrier: typeof INPOST_CARRIER;
}

/**
 * InPost-shaped pickup points for the sandbox and demos, served from memory. `get()` also returns
 * points that are out of service (with `status: 'disabled'`), so the caller can say why one was refused.
 *
 * @example
 * const pickup = createSandboxPickupProvider();
 * await pickup.search({ postcode: '31-564', limit: 10 });
 * await pickup.get('kra01m'); // the point KRA01M, or undefined
 */
export function createSandboxPickupProvider(options: SandboxPickupOptions = {}): SandboxPickupProvider {
  const points = options.points ?? DEMO_PICKUP_POINTS;
  const byId = new Map<string, PickupPoint>();
  for (const point of points) {
    const key = point.id.toUpperCase();
    if (!byId.has(key)) byId.set(key, point);
  }
  return {
    carrier: INPOST_CARRIER,
    async search(query) {
      return searchPickupPoints(points, query).map((point) => structuredClone(point));
    },
    async get(id) {
      const point = byId.get(id.trim().toUpperCase());
      return point === undefined ? undefined : structuredClone(point);
    },
  };
}
