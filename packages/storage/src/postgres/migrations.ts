/** Versioned PostgreSQL schema; a released version is never edited: add a new one. */
export const postgresMigrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE kasa_events (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        ts BIGINT NOT NULL,
        shop_id TEXT NOT NULL,
        checkout_id TEXT,
        visitor_id TEXT,
        session_id TEXT,
        simulated BOOLEAN NOT NULL DEFAULT FALSE,
        payload JSONB NOT NULL
      );
      CREATE INDEX kasa_events_checkout ON kasa_events(checkout_id, ts);
    `,
  },
];
