export { createPostgresAnalytics } from './postgres/analytics.ts';
export { openPostgres } from './postgres/database.ts';
export { createPostgresEventStore } from './postgres/event-store.ts';
export { type AnalyticsSettings, createSqliteAnalyticsSettings } from './sqlite/analytics-settings.ts';
export type { CheckoutStore } from './sqlite/checkout-store.ts';
export { createSqliteCheckoutStore } from './sqlite/checkout-store.ts';
export type { SqliteDatabase } from './sqlite/database.ts';
export { openSqlite } from './sqlite/database.ts';
export { createSqliteEventStore } from './sqlite/event-store.ts';
export {
  createSqliteExperimentStore,
  type ExperimentAction,
  type ExperimentActor,
  type ExperimentAuditEntry,
  type ExperimentStore,
} from './sqlite/experiment-store.ts';
export { createSqliteGa4Outbox, type Ga4Outbox, type Ga4OutboxEntry } from './sqlite/ga4-outbox.ts';
export { createSqliteOrderJournal } from './sqlite/order-journal.ts';
export type { PaymentStore, StoredPayment } from './sqlite/payment-store.ts';
export { createSqlitePaymentStore } from './sqlite/payment-store.ts';
export { createSqlitePlatformTokens, type PlatformTokens } from './sqlite/platform-tokens.ts';
export type {
  RefundEnd,
  RefundIntent,
  RefundRequester,
  RefundStatus,
  RefundStore,
  StoredRefund,
} from './sqlite/refund-store.ts';
export { createSqliteSandboxPaymentStore } from './sqlite/sandbox-payment-store.ts';
export { createThreadedSqliteEventStore } from './sqlite/threaded-event-store.ts';
export { createPostgresSummaries } from './summaries/postgres-summaries.ts';
export type { RecentCheckout, RecentCheckouts } from './summaries/recent-checkouts.ts';
export {
  type DeletedSimulated,
  deletesSimulated,
  type SimulatedData,
} from './summaries/simulated-data.ts';
export { createSqliteSummaries } from './summaries/sqlite-summaries.ts';
export { createSummarizer, type Summarizer, type SummaryLog } from './summaries/summarizer.ts';
export { type SummaryRecord, summaryRecord } from './summaries/summary-record.ts';
