import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from '@kasa/adapter-sandbox';
import { type CheckoutEvent, type EventStore, money } from '@kasa/core';
import { createSandboxPaymentProvider } from '@kasa/payments';
import { createSandboxPickupProvider } from '@kasa/pickup';
import {
  createSqliteCheckoutStore,
  createSqliteEventStore,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  createThreadedSqliteEventStore,
  openSqlite,
  type SqliteDatabase,
} from '@kasa/storage';
import type { DestinationStream, Logger } from 'pino';
import { createGa4Forwarder } from './analytics/ga4-forwarder.ts';
import { layoutFor } from './checkout/layout.ts';
import { purchaseEvent } from './checkout/purchase-event.ts';
import { type CheckoutService, createCheckoutService } from './checkout/service.ts';
import type { KasaConfig } from './config.ts';
import { createApp } from './http/app.ts';
import { mountWidget, type WidgetBundle } from './http/widget-routes.ts';
import { createLogger } from './logger.ts';
import { mountSandboxBank } from './sandbox-bank.ts';

export interface Runtime {
  readonly app: ReturnType<typeof createApp>;
  readonly service: CheckoutService;
  readonly events: EventStore & {
    count(): Promise<number>;
    byCheckout(id: string): Promise<CheckoutEvent[]>;
  };
  readonly sandbox: SandboxAdapter;
  readonly db: SqliteDatabase;
  readonly logger: Logger;
  close(): void;
}

export interface RuntimeOptions {
  readonly config: KasaConfig;
  /** Where browsers reach the server (defaults from the config, else http://localhost:port). */
  readonly publicUrl: string;
  readonly logDestination?: DestinationStream;
  /** Test seam: runs after the sandbox created an order, before the server answers. */
  readonly onAfterPlaceOrder?: SandboxAdapterOptions['onAfterPlaceOrder'];
  readonly ssePollMs?: number;
  /** The built widget and its server renderer; without them the fragment and script routes are not served. */
  readonly widget?: WidgetBundle;
  /** Where events go; the embedded SQLite store by default, PostgreSQL when configured. */
  readonly events?: Runtime['events'];
}

/** Wires the embedded (sandbox) Kasa: one SQLite file, the sandbox store, payments and lockers. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, publicUrl } = options;
  if (config.databaseFile !== ':memory:') mkdirSync(dirname(config.databaseFile), { recursive: true });
  const db = openSqlite(config.databaseFile);
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const sandbox = createSandboxAdapter({
    db,
    freeShippingThreshold: money(config.sandbox.freeShippingThresholdGrosze),
    ...(options.onAfterPlaceOrder ? { onAfterPlaceOrder: options.onAfterPlaceOrder } : {}),
  });
  const payments = createSandboxPaymentProvider({
    bankPageBaseUrl: `${publicUrl}/sandbox/bank`,
    approveAfterMs: config.sandbox.blikApproveAfterMs,
    approvalWindowMs: config.sandbox.blikApprovalWindowMs,
    notify: async (url, body, headers) => {
      // A provider retries until answered; the sandbox tries once and relies on status polling otherwise.
      await fetch(url, { method: 'POST', body, headers }).catch((error: Error) =>
        logger.warn({ err: { message: error.message } }, 'sandbox notification not delivered'),
      );
    },
  });
  const pickup = createSandboxPickupProvider();
  // A file store gets its own writer thread; an in-memory one (tests) cannot be shared with one.
  const events =
    options.events ??
    (config.databaseFile === ':memory:' ? createSqliteEventStore(db) : createThreadedSqliteEventStore(db));
  const ga4 = config.ga4 ? createGa4Forwarder(config.ga4) : undefined;
  const service: CheckoutService = createCheckoutService({
    adapter: sandbox,
    payments,
    pickup,
    checkouts: createSqliteCheckoutStore(db),
    paymentStore: createSqlitePaymentStore(db),
    journal: createSqliteOrderJournal(db),
    publicUrl,
    onOrderPaid: async ({ checkoutId }) => {
      // The same assignment the fragment rendered, so the purchase counts for its experiment arm.
      const { experiment } = layoutFor(config.experiments, checkoutId);
      const event = purchaseEvent(await service.get(checkoutId), {
        shopId: config.shopId,
        now: Date.now(),
        ...(experiment ? { experiments: { [experiment.key]: experiment.variation } } : {}),
      });
      if (!event) return;
      await events.append([event]);
      // GA4 is a copy for the shop's reports: its failure is logged, never a failed payment.
      ga4
        ?.forward([event])
        .catch((error: Error) => logger.warn({ err: { message: error.message } }, 'GA4 forward failed'));
    },
  });
  const app = createApp({
    config,
    publicUrl,
    service,
    pickup,
    logger,
    events,
    mount: (root) => {
      mountSandboxBank(root, payments);
      if (options.widget) {
        mountWidget(root, {
          widget: options.widget,
          service,
          publicUrl,
          shopId: config.shopId,
          experiments: config.experiments,
        });
      }
    },
    ...(options.ssePollMs ? { ssePollMs: options.ssePollMs } : {}),
  });
  return { app, service, events, sandbox, db, logger, close: () => db.close() };
}
