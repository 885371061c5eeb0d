import type { ShoperConfig } from '../config.ts';
import type { ShopIdCache } from '../mapping.ts';
import type { ShoperRest } from '../rest/client.ts';
import type { Shipping } from '../rest/schemas.ts';

/** What the order operations share within one adapter. */
export interface OrderContext {
  readonly rest: ShoperRest;
  readonly ids: ShopIdCache;
  readonly config: ShoperConfig;
  /** The shop's shippings, read once and kept; `fresh` reads them again. */
  shippings(fresh?: boolean): Promise<readonly Shipping[]>;
  /** Checkout ids this process sent an order for: look before creating again, whatever `resumed` says. */
  readonly attempted: Set<string>;
}
