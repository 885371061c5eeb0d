/** Versioned schema changes; a version, once released, is never edited: add a new one. */
export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE kasa_checkouts (
        id TEXT PRIMARY KEY,
        cart_ref TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE kasa_placements (
        idempotency_key TEXT PRIMARY KEY,
        checkout_id TEXT NOT NULL REFERENCES kasa_checkouts(id),
        state TEXT NOT NULL CHECK (state IN ('pending', 'placed')),
        order_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX kasa_placements_checkout ON kasa_placements(checkout_id);
      CREATE TABLE kasa_payments (
        id TEXT PRIMARY KEY,
        checkout_id TEXT NOT NULL REFERENCES kasa_checkouts(id),
        order_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        provider_ref TEXT NOT NULL,
        method TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        confirm_by INTEGER,
        redirect_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX kasa_payments_checkout ON kasa_payments(checkout_id, created_at);
      CREATE UNIQUE INDEX kasa_payments_provider_ref ON kasa_payments(provider, provider_ref);
    `,
  },
  {
    version: 2,
    sql: `
      -- A rowid table with a unique id: random client-made ids as the primary key of a clustered
      -- (WITHOUT ROWID) table made every insert split pages and halved the ingest rate.
      CREATE TABLE kasa_events (
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        ts INTEGER NOT NULL,
        shop_id TEXT NOT NULL,
        checkout_id TEXT,
        visitor_id TEXT,
        session_id TEXT,
        simulated INTEGER NOT NULL DEFAULT 0,
        payload TEXT NOT NULL
      );
      CREATE INDEX kasa_events_checkout ON kasa_events(checkout_id, ts);
    `,
  },
];
