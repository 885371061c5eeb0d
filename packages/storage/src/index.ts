export type { CheckoutStore, StoredCheckout } from './sqlite/checkout-store.ts';
export { createSqliteCheckoutStore } from './sqlite/checkout-store.ts';
export type { SqliteDatabase } from './sqlite/database.ts';
export { openSqlite } from './sqlite/database.ts';
export { createSqliteOrderJournal } from './sqlite/order-journal.ts';
export type { PaymentStore, StoredPayment } from './sqlite/payment-store.ts';
export { createSqlitePaymentStore } from './sqlite/payment-store.ts';
