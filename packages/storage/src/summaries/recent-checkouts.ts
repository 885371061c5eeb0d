/**
 * The checkouts first seen since a moment, as the live view reads them: the narrow summary row (an
 * indexed range on `first_ts`) joined to the few fields of the full summary it lacks. The same rows on
 * SQLite and PostgreSQL.
 */

export interface RecentCheckout {
  readonly firstTs: number;
  readonly lastTs: number;
  /** The first checkout event; null for a checkout that only showed a cart. */
  readonly beganTs: number | null;
  /** The (first) purchase; null until the order is paid (or placed cash on delivery). */
  readonly purchaseTs: number | null;
  /** Gross order value in minor units; 0 without a purchase. */
  readonly revenue: number;
  /** When the shopper's browser said they left (checkout_abandon); null when it did not. */
  readonly abandonedTs: number | null;
  readonly simulated: boolean;
  /** Experiment key → variation the checkout was assigned. */
  readonly experiments: Readonly<Record<string, string>>;
}

export interface RecentCheckouts {
  /** Checkouts first seen at or after `since`. */
  recentCheckouts(since: number): Promise<RecentCheckout[]>;
}

/** A row of {@link recentCheckoutsSql}; PostgreSQL gives BIGINTs as text. */
export interface RecentCheckoutRow {
  readonly first_ts: number | string;
  readonly began_ts: number | string | null;
  readonly purchase_ts: number | string | null;
  readonly revenue: number | string;
  readonly simulated: number | boolean;
  /** The full summary as stored (JSON text). */
  readonly summary: string;
}

/** The query, with the moment as `placeholder` (`?` on SQLite, `$1` on PostgreSQL). */
export const recentCheckoutsSql = (
  placeholder: string,
): string => `SELECT s.first_ts, s.began_ts, s.purchase_ts, s.revenue, s.simulated, st.summary
   FROM kasa_checkout_summaries s
   JOIN kasa_summary_state st ON st.checkout_id = s.checkout_id
  WHERE s.first_ts >= ${placeholder}`;

const numberOrNull = (x: unknown): number | null =>
  typeof x === 'number' ? x : typeof x === 'string' && x !== '' ? Number(x) : null;

function assignments(x: unknown): Record<string, string> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(x)) if (typeof value === 'string') out[key] = value;
  return out;
}

// Rows of Kasa's own tables, read every few seconds: checked field by field rather than by a schema
// per row (which cost four times the query on a day of 4,000 checkouts).
/**
 * @example recentCheckoutOf({ first_ts: 1, began_ts: null, purchase_ts: null, revenue: 0, simulated: 0, summary: '{"lastTs":5}' }).lastTs; // 5
 */
export function recentCheckoutOf(row: RecentCheckoutRow): RecentCheckout {
  const summary: unknown = JSON.parse(row.summary);
  const fields = (typeof summary === 'object' && summary !== null ? summary : {}) as {
    readonly lastTs?: unknown;
    readonly stamps?: { readonly abandon?: { readonly ts?: unknown } };
    readonly experiments?: unknown;
  };
  const firstTs = Number(row.first_ts);
  return {
    firstTs,
    lastTs: numberOrNull(fields.lastTs) ?? firstTs,
    beganTs: numberOrNull(row.began_ts),
    purchaseTs: numberOrNull(row.purchase_ts),
    revenue: Number(row.revenue),
    abandonedTs: numberOrNull(fields.stamps?.abandon?.ts),
    simulated: row.simulated === 1 || row.simulated === true,
    experiments: assignments(fields.experiments),
  };
}
