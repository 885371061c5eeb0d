import { rollupSchemaSql } from '../summaries/rollups.ts';

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
  {
    version: 2,
    sql: `
      -- The log position the summaries follow; appends take a lock so positions commit in order.
      ALTER TABLE kasa_events ADD COLUMN seq BIGSERIAL;
      CREATE INDEX kasa_events_seq ON kasa_events(seq);
      -- One row per checkout, narrow so a report scans a million of them in well under a second;
      -- the full summary (for folding in later events) lives apart in kasa_summary_state.
      CREATE TABLE kasa_checkout_summaries (
        checkout_id TEXT PRIMARY KEY,
        shop_id TEXT NOT NULL,
        simulated SMALLINT NOT NULL,
        first_ts BIGINT NOT NULL,
        began_ts BIGINT,
        cart_view_ts BIGINT,
        purchase_ts BIGINT,
        furthest SMALLINT NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue BIGINT NOT NULL,
        time_to_purchase_ms BIGINT
      );
      CREATE INDEX kasa_checkout_summaries_first_ts ON kasa_checkout_summaries(first_ts);
      CREATE INDEX kasa_checkout_summaries_ttp ON kasa_checkout_summaries(time_to_purchase_ms)
        WHERE time_to_purchase_ms IS NOT NULL;
      CREATE TABLE kasa_summary_state (checkout_id TEXT PRIMARY KEY, summary TEXT NOT NULL);
      -- Each experiment's checkouts with every report column copied, so its results are one range
      -- scan rather than a lookup per checkout; rewritten with the summary.
      CREATE TABLE kasa_summary_experiments (
        experiment TEXT NOT NULL,
        variation TEXT NOT NULL,
        checkout_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        simulated SMALLINT NOT NULL,
        first_ts BIGINT NOT NULL,
        began_ts BIGINT,
        cart_view_ts BIGINT,
        purchase_ts BIGINT,
        furthest SMALLINT NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue BIGINT NOT NULL,
        time_to_purchase_ms BIGINT,
        PRIMARY KEY (experiment, checkout_id)
      );
      CREATE INDEX kasa_summary_experiments_checkout ON kasa_summary_experiments(checkout_id);
      -- Field errors and payment outcomes per checkout, also with the report columns copied.
      CREATE TABLE kasa_summary_field_errors (
        field TEXT NOT NULL,
        errors INTEGER NOT NULL,
        checkout_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        simulated SMALLINT NOT NULL,
        first_ts BIGINT NOT NULL,
        began_ts BIGINT,
        cart_view_ts BIGINT,
        purchase_ts BIGINT,
        furthest SMALLINT NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue BIGINT NOT NULL,
        time_to_purchase_ms BIGINT,
        PRIMARY KEY (checkout_id, field)
      );
      -- method '' is a purchase whose method was never reported: it counts only in the total.
      CREATE TABLE kasa_summary_payments (
        method TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        blik_rejected INTEGER NOT NULL,
        blik_timeouts INTEGER NOT NULL,
        checkout_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        simulated SMALLINT NOT NULL,
        first_ts BIGINT NOT NULL,
        began_ts BIGINT,
        cart_view_ts BIGINT,
        purchase_ts BIGINT,
        furthest SMALLINT NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue BIGINT NOT NULL,
        time_to_purchase_ms BIGINT,
        PRIMARY KEY (checkout_id, method)
      );
      CREATE INDEX kasa_summary_payments_first_ts ON kasa_summary_payments(first_ts);
      -- How far into the event log the summaries are built, so each event is folded in once.
      CREATE TABLE kasa_summary_cursor (name TEXT PRIMARY KEY, position BIGINT NOT NULL);
    `,
  },
  {
    version: 3,
    // The dashboard's rollups of the summary tables, filled from the summaries already saved (see
    // summaries/rollups.ts); from here on each save keeps them in step in its transaction.
    sql: `${rollupSchemaSql('postgres')}
      -- The median time to purchase reads the times from this index alone (with the visibility map),
      -- whatever the filters: a filter on a column the index lacks cost a heap fetch per purchase.
      DROP INDEX IF EXISTS kasa_checkout_summaries_ttp;
      CREATE INDEX IF NOT EXISTS kasa_checkout_summaries_times ON kasa_checkout_summaries (time_to_purchase_ms)
        INCLUDE (first_ts, device, layout, simulated, first_source, last_source)
        WHERE time_to_purchase_ms IS NOT NULL;`,
  },
];
