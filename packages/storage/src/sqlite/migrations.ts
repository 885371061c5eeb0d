import { rollupSchemaSql } from '../summaries/rollups.ts';

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
  {
    version: 3,
    sql: `
      -- One row per checkout, narrow so a report scans a million of them in well under a second;
      -- the full summary (for folding in later events) lives apart in kasa_summary_state.
      CREATE TABLE kasa_checkout_summaries (
        checkout_id TEXT PRIMARY KEY,
        shop_id TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        began_ts INTEGER,
        cart_view_ts INTEGER,
        purchase_ts INTEGER,
        furthest INTEGER NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue INTEGER NOT NULL,
        time_to_purchase_ms INTEGER
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
        simulated INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        began_ts INTEGER,
        cart_view_ts INTEGER,
        purchase_ts INTEGER,
        furthest INTEGER NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue INTEGER NOT NULL,
        time_to_purchase_ms INTEGER,
        PRIMARY KEY (experiment, checkout_id)
      ) WITHOUT ROWID;
      CREATE INDEX kasa_summary_experiments_checkout ON kasa_summary_experiments(checkout_id);
      -- Field errors and payment outcomes per checkout, also with the report columns copied.
      CREATE TABLE kasa_summary_field_errors (
        field TEXT NOT NULL,
        errors INTEGER NOT NULL,
        checkout_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        began_ts INTEGER,
        cart_view_ts INTEGER,
        purchase_ts INTEGER,
        furthest INTEGER NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue INTEGER NOT NULL,
        time_to_purchase_ms INTEGER,
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
        simulated INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        began_ts INTEGER,
        cart_view_ts INTEGER,
        purchase_ts INTEGER,
        furthest INTEGER NOT NULL,
        layout TEXT NOT NULL,
        device TEXT NOT NULL,
        first_source TEXT NOT NULL,
        first_medium TEXT NOT NULL,
        first_campaign TEXT NOT NULL,
        last_source TEXT NOT NULL,
        last_medium TEXT NOT NULL,
        last_campaign TEXT NOT NULL,
        leave_field TEXT,
        revenue INTEGER NOT NULL,
        time_to_purchase_ms INTEGER,
        PRIMARY KEY (checkout_id, method)
      );
      CREATE INDEX kasa_summary_payments_first_ts ON kasa_summary_payments(first_ts);
      -- How far into the event log the summaries are built, so each event is folded in once.
      CREATE TABLE kasa_summary_cursor (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
      -- Merchant settings stay in the embedded file whichever store holds the events.
      CREATE TABLE kasa_campaign_costs (
        date TEXT NOT NULL,
        source TEXT NOT NULL,
        medium TEXT NOT NULL,
        campaign TEXT NOT NULL,
        cost INTEGER NOT NULL,
        PRIMARY KEY (date, source, medium, campaign)
      );
      CREATE TABLE kasa_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 4,
    sql: `
      -- The sandbox payment provider's own attempts (it plays a PSP, which keeps its payments
      -- through anyone's restart). Kasa's record of each attempt stays in kasa_payments. Deadlines
      -- are stored instants, so an attempt read back after a restart resolves as it would have.
      CREATE TABLE sandbox_payment_attempts (
        provider_ref TEXT PRIMARY KEY,
        attempt_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        notify_url TEXT NOT NULL,
        return_url TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        confirm_by INTEGER,
        answer TEXT CHECK (answer IN ('approve', 'reject', 'none')),
        answer_at INTEGER,
        settled_status TEXT,
        settled_reason TEXT,
        notified INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX sandbox_payment_attempts_open ON sandbox_payment_attempts(started_at)
        WHERE settled_status IS NULL;
    `,
  },
  {
    version: 5,
    sql: `
      -- Kasa records a payment attempt before the provider hears of it, so a crash while the
      -- provider answers leaves an attempt Kasa can ask about by its own id: provider_ref is null
      -- until the provider's answer is in. SQLite cannot drop NOT NULL in place: the table is rebuilt.
      CREATE TABLE kasa_payments_v5 (
        id TEXT PRIMARY KEY,
        checkout_id TEXT NOT NULL REFERENCES kasa_checkouts(id),
        order_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        provider_ref TEXT,
        method TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        confirm_by INTEGER,
        redirect_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO kasa_payments_v5 (id, checkout_id, order_id, provider, provider_ref, method, status,
          reason, confirm_by, redirect_url, created_at, updated_at)
        SELECT id, checkout_id, order_id, provider, provider_ref, method, status, reason, confirm_by,
          redirect_url, created_at, updated_at
        FROM kasa_payments;
      DROP TABLE kasa_payments;
      ALTER TABLE kasa_payments_v5 RENAME TO kasa_payments;
      CREATE INDEX kasa_payments_checkout ON kasa_payments(checkout_id, created_at);
      CREATE UNIQUE INDEX kasa_payments_provider_ref ON kasa_payments(provider, provider_ref);
    `,
  },
  {
    version: 6,
    sql: `
      -- One refund per paid attempt, recorded (refund_pending) before the provider is asked, so a
      -- crash or a second request finds it instead of sending another; the provider's refund id and
      -- who asked (the shop's webhook, the merchant) are kept for the merchant's list. No foreign
      -- key to kasa_payments: a rebuild of that table (as in version 5) would be refused by it.
      CREATE TABLE kasa_refunds (
        payment_id TEXT PRIMARY KEY,
        checkout_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('refund_pending', 'refunded', 'refund_failed', 'refund_due')),
        requested_by TEXT NOT NULL CHECK (requested_by IN ('shop_webhook', 'merchant')),
        reason TEXT NOT NULL,
        refund_ref TEXT,
        cause TEXT,
        tries INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX kasa_refunds_status ON kasa_refunds(status, updated_at);
      CREATE INDEX kasa_payments_order ON kasa_payments(order_id);
    `,
  },
  {
    version: 7,
    sql: `
      -- Purchases waiting to reach GA4's Measurement Protocol: the request body as it will be sent
      -- (its client id fixed when queued, so a retry is the same hit), kept through restarts and
      -- tried again at next_at with a growing delay. One row per purchase event.
      CREATE TABLE IF NOT EXISTS kasa_ga4_outbox (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        queued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        last_error TEXT
      );
      CREATE INDEX IF NOT EXISTS kasa_ga4_outbox_due ON kasa_ga4_outbox(next_at);
    `,
  },
  {
    version: 8,
    sql: `
      -- Campaign costs may be imported per device (an ad platform's device breakdown), so that cost per
      -- order and ROAS under a device filter compare like with like. '' is a cost of all devices; the
      -- device is part of the key, so a per-device re-import replaces its own rows only.
      CREATE TABLE kasa_campaign_costs_v8 (
        date TEXT NOT NULL,
        source TEXT NOT NULL,
        medium TEXT NOT NULL,
        campaign TEXT NOT NULL,
        device TEXT NOT NULL DEFAULT '' CHECK (device IN ('', 'mobile', 'tablet', 'desktop')),
        cost INTEGER NOT NULL,
        PRIMARY KEY (date, source, medium, campaign, device)
      );
      INSERT INTO kasa_campaign_costs_v8 (date, source, medium, campaign, cost)
        SELECT date, source, medium, campaign, cost FROM kasa_campaign_costs;
      DROP TABLE kasa_campaign_costs;
      ALTER TABLE kasa_campaign_costs_v8 RENAME TO kasa_campaign_costs;
    `,
  },
  {
    version: 9,
    sql: `
      -- Experiments as the merchant runs them (created, started, stopped, shipped from the dashboard or
      -- the CLI): the experiment's configuration JSON per key. The configuration file only seeds the
      -- first state. Every change is kept in the audit list with its time and who made it.
      CREATE TABLE IF NOT EXISTS kasa_experiments (
        key TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS kasa_experiment_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        experiment TEXT NOT NULL,
        action TEXT NOT NULL
          CHECK (action IN ('seeded', 'created', 'started', 'stopped', 'shipped', 'changed')),
        actor TEXT NOT NULL CHECK (actor IN ('dashboard', 'cli', 'config')),
        detail TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS kasa_experiment_audit_at ON kasa_experiment_audit(at);
    `,
  },
  {
    version: 10,
    // The dashboard's rollups of the summary tables, filled from the summaries already saved (see
    // summaries/rollups.ts); from here on each save keeps them in step in its transaction.
    sql: `${rollupSchemaSql('sqlite')}
      -- The median time to purchase counts the purchases, then reads the middle one or two, in this
      -- index alone: the times in order with every column a report filters on.
      DROP INDEX IF EXISTS kasa_checkout_summaries_ttp;
      CREATE INDEX IF NOT EXISTS kasa_checkout_summaries_times ON kasa_checkout_summaries(
        time_to_purchase_ms, first_ts, device, layout, simulated, first_source, last_source
      ) WHERE time_to_purchase_ms IS NOT NULL;`,
  },
];
