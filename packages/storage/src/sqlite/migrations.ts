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
];
