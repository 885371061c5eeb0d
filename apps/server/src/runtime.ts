import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxAdapter, SandboxAdapterOptions } from '@kasa/adapter-sandbox';
import { modeAHandoffOf } from '@kasa/adapter-shopify/storefront';
import { type Aggregates, HOUR_MS } from '@kasa/analytics';
import type { CheckoutEvent, CheckoutView, EventStore } from '@kasa/core';
import type { DemoStore } from '@kasa/demo-shop';
import {
  type AnalyticsSettings,
  createSqliteAnalyticsSettings,
  createSqliteCheckoutStore,
  createSqliteEventStore,
  createSqliteGa4Outbox,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  createSqliteSummaries,
  createSummarizer,
  createThreadedSqliteEventStore,
  openSqlite,
  type RecentCheckouts,
  type SqliteDatabase,
  type Summarizer,
  type SummaryLog,
} from '@kasa/storage';
import type { DestinationStream, Logger } from 'pino';
import { createExperimentRegistry } from './analytics/experiment-registry.ts';
import { createGa4Forwarder, latestGaContext } from './analytics/ga4-forwarder.ts';
import { merchantAlerts } from './checkout/alerts.ts';
import { failedPaymentEvent, watchFailedPayments } from './checkout/failed-payment-event.ts';
import { createOrderRetrier, type OrderRetrier } from './checkout/order-retrier.ts';
import { purchaseEvent } from './checkout/purchase-event.ts';
import { type CheckoutService, createCheckoutService } from './checkout/service.ts';
import { shopCheckoutPurchase } from './checkout/shop-checkout-order.ts';
import type { KasaConfig } from './config.ts';
import { mountAlerts } from './http/alert-routes.ts';
import { mountAnalytics } from './http/analytics-routes.ts';
import { createApp } from './http/app.ts';
import { type DashboardBundle, mountDashboard } from './http/dashboard-routes.ts';
import { mountExperimentAssignment } from './http/experiment-assignment-routes.ts';
import { mountExperiments } from './http/experiment-routes.ts';
import { mountLive } from './http/live-routes.ts';
import { mountSimulated } from './http/simulated-routes.ts';
import { mountWidget, type WidgetBundle } from './http/widget-routes.ts';
import { createLogger } from './logger.ts';
import { PAYMENT_PROVIDERS, PICKUP_PROVIDERS, pluginContext, pluginNamed } from './plugins/registry.ts';
import { createStorefront, type DiagnosableAdapter } from './storefront/adapter.ts';

export type RuntimeEvents = EventStore & {
  count(): Promise<number>;
  byCheckout(id: string): Promise<CheckoutEvent[]>;
};

/** Where analytics live: the events, and the checkout summaries built from them. */
export interface AnalyticsStores {
  readonly events: RuntimeEvents & { close?(): Promise<void> };
  readonly summaries: SummaryLog & Aggregates & RecentCheckouts;
  /** The event store folds the summaries of what it stores itself: appending needs no catch-up. */
  readonly foldsOnIngest?: boolean;
}

export interface Runtime {
  readonly app: ReturnType<typeof createApp>;
  readonly service: CheckoutService;
  /** Appending schedules the summaries' catch-up (unless the event store folds them itself). */
  readonly events: RuntimeEvents;
  readonly analytics: AnalyticsStores & {
    readonly summarizer: Summarizer;
    readonly settings: AnalyticsSettings;
    /** The configured merchant token, or the one made for this run. */
    readonly merchantToken: string;
  };
  /** The configured shop key, or the one made for this run (for a shop server started beside Kasa). */
  readonly shopKey: string;
  /**
   * Keeps confirming the orders of payments taken but not confirmed by the shop, or refunds them;
   * started with the runtime, stopped by `close()`.
   */
  readonly orderRetrier: OrderRetrier;
  /** The configured store's adapter (`store` in the configuration; the sandbox by default). */
  readonly adapter: DiagnosableAdapter;
  /** The sandbox store (its catalogue, carts and orders, for the tests); throws when another store is configured. */
  readonly sandbox: SandboxAdapter;
  /** What the demo shop sells from: the sandbox, or what `options.demoStore` made; none for a real shop. */
  readonly demoStore: DemoStore | undefined;
  readonly db: SqliteDatabase;
  readonly logger: Logger;
  /**
   * Closes the stores once what is under way is done: appends in flight are written (the event
   * writer thread answers them, then stops), the summaries fold them in, and the database closes.
   * Appends asked for after the call are refused.
   */
  close(): Promise<void>;
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
  /** The built dashboard; without it /dashboard is not served (the analytics API still is). */
  readonly dashboard?: DashboardBundle;
  /** Where events and summaries go; the embedded SQLite file by default, PostgreSQL when configured. */
  readonly analytics?: AnalyticsStores;
  /** The demo shop's store for a non-sandbox platform (a local fake), made from the adapter. */
  readonly demoStore?: (adapter: DiagnosableAdapter) => DemoStore;
  /** Called once per call to the shop platform (WooCommerce, PrestaShop): count them. */
  readonly onPlatformCall?: (call: { readonly operation: string }) => void;
}

/**
 * Events and summaries in the embedded file: for a file, a writer thread that also folds the
 * summaries of what it stores, and asks for the summarizer (`behind`) for what it leaves; inline for
 * ':memory:'.
 */
function sqliteAnalytics(
  db: SqliteDatabase,
  inMemory: boolean,
  fold: { readonly behind: () => void; readonly logger: Logger },
): AnalyticsStores {
  if (inMemory) return { events: createSqliteEventStore(db), summaries: createSqliteSummaries(db) };
  const onError = (message: string) =>
    fold.logger.error({ err: { message } }, 'summaries not folded by the event writer; the summarizer will');
  return {
    events: createThreadedSqliteEventStore(db, { foldSummaries: { onBehind: fold.behind, onError } }),
    summaries: createSqliteSummaries(db),
    foldsOnIngest: true,
  };
}

/** Wires Kasa: one SQLite file, the configured store (the sandbox by default), payments and lockers. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, publicUrl } = options;
  if (config.databaseFile !== ':memory:') mkdirSync(dirname(config.databaseFile), { recursive: true });
  const db = openSqlite(config.databaseFile);
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { adapter, sandbox, shoperAppstore } = createStorefront({
    config,
    db,
    ...(options.onAfterPlaceOrder ? { onAfterPlaceOrder: options.onAfterPlaceOrder } : {}),
    onPlatformCall: (call) => {
      logger.debug({ platform: config.store.platform, operation: call.operation }, 'platform call');
      options.onPlatformCall?.(call);
    },
  });
  // The configured providers, given what every provider gets and what the server's own need.
  const context = (name: string) => ({
    ...pluginContext(publicUrl, name, (level, fields, message) =>
      logger[level]({ provider: name, ...fields }, message),
    ),
    db,
    sandbox: config.sandbox,
  });
  const paymentPlugin = pluginNamed(PAYMENT_PROVIDERS, config.payments.provider);
  const payments = paymentPlugin.create(config.payments.settings, context(paymentPlugin.name));
  const pickupPlugin = pluginNamed(PICKUP_PROVIDERS, config.pickup.provider);
  const pickup = pickupPlugin.create(config.pickup.settings, context(pickupPlugin.name));
  /** The carrier's own map (InPost's Geowidget with the merchant's token), when configured. */
  const geowidget = pickupPlugin.mapWidget?.(config.pickup.settings);
  const stores =
    options.analytics ??
    sqliteAnalytics(db, config.databaseFile === ':memory:', {
      // Only called back once the writer runs, after the summarizer below exists.
      behind: () => summarizer.schedule(),
      logger,
    });
  const summarizer = createSummarizer(stores.summaries, {
    // Where the event writer folds what it stores, the summarizer's passes end at the end of the log,
    // from where the writer takes the fold back; elsewhere they fold what is stored, a pass at a time.
    scheduledPass: stores.foldsOnIngest ? 'until-empty' : 'until-short',
    onError: (error) => logger.error({ err: { message: (error as Error).message } }, 'summaries not updated'),
  });
  // Appends under way, so that closing waits for them; none are taken once closing has begun.
  const appending = new Set<Promise<unknown>>();
  let closing = false;
  const events: RuntimeEvents = {
    ...stores.events,
    async append(batch) {
      if (closing) throw new Error('Kasa is stopping: the event was not stored');
      const written = stores.events.append(batch);
      appending.add(written);
      try {
        const result = await written;
        if (result.stored > 0 && !stores.foldsOnIngest) summarizer.schedule();
        return result;
      } finally {
        appending.delete(written);
      }
    },
  };
  const settings = createSqliteAnalyticsSettings(db);
  // Stored, so the dashboard and `kasa experiment` change them; the configuration seeds the first state.
  const experiments = createExperimentRegistry(db, { seed: config.experiments });
  const merchantToken = config.analytics.merchantToken ?? randomBytes(18).toString('base64url');
  const shopKey = config.shopKey ?? randomBytes(18).toString('base64url');
  const ga4 = config.ga4
    ? createGa4Forwarder({ options: config.ga4, outbox: createSqliteGa4Outbox(db), logger })
    : undefined;
  // What a previous run left unsent goes out now, and failed sends are tried again in the background.
  ga4?.start();
  /** The arms a checkout was shown in, so its purchase or failed payment counts for each. */
  const shownArm = (checkoutId: string) => {
    const arms = service.shownPresentation(checkoutId)?.arms ?? {};
    return Object.keys(arms).length > 0 ? { experiments: arms } : {};
  };
  /** The purchase of a paid (or cash-on-delivery) order, as only the server records it. */
  const recordPurchase = async (checkout: CheckoutView) => {
    const event = purchaseEvent(checkout, {
      shopId: config.shopId,
      now: Date.now(),
      ...shownArm(checkout.id),
    });
    if (!event) return;
    const { stored } = await events.append([event]);
    // GA4 is a copy for the shop's reports: its failure is logged, never a failed payment. Sent once
    // (a purchase recorded again is not stored again). The shopper's GA ids are those of the
    // checkout's latest browser event, which carries them only with consent.
    if (ga4 && stored > 0) {
      await events
        .byCheckout(checkout.id)
        .then((history) => ga4.enqueue(event, latestGaContext(history)))
        .catch((error: Error) => logger.warn({ err: { message: error.message } }, 'GA4 forward not queued'));
    }
  };
  const paymentStore = createSqlitePaymentStore(db);
  /** Shopify mode A: Kasa's step hands the shopper to Shopify's checkout (undefined otherwise). */
  const shopifyHandoff = modeAHandoffOf(adapter);
  const service: CheckoutService = createCheckoutService({
    adapter,
    handedOffOrders: shopifyHandoff !== undefined,
    payments,
    pickup,
    checkouts: createSqliteCheckoutStore(db),
    // Failed attempts are recorded as the server saw them; browsers may not send payment outcomes.
    paymentStore: watchFailedPayments(paymentStore, (payment) => {
      const event = failedPaymentEvent(payment, {
        shopId: config.shopId,
        now: Date.now(),
        ...shownArm(payment.checkoutId),
      });
      events
        .append([event])
        .catch((error: Error) =>
          logger.error({ err: { message: error.message } }, 'payment_failed not recorded'),
        );
    }),
    journal: createSqliteOrderJournal(db),
    publicUrl,
    requireTerms: Boolean(config.shopPages.termsUrl),
    onRefundDue: (due) =>
      logger.warn(
        { ...due, reason: 'refund_due' },
        'a payment approved after Kasa closed its attempt, for an order another attempt had paid: refund it',
      ),
    onOrderUnconfirmed: (report) => orderRetrier.unconfirmed(report),
    onOrderPaid: async ({ checkoutId }) => recordPurchase(await service.get(checkoutId)),
    onCashOnDeliveryOrder: (checkout) => recordPurchase(checkout),
    // Shopify mode A: an order of a shopper sent straight to Shopify's checkout, in an experiment arm.
    onShopCheckoutOrder: async (payload) => {
      const event = await shopCheckoutPurchase(payload, { shopId: config.shopId, now: Date.now() });
      if (event) await events.append([event]);
    },
  });
  const orderRetrier = createOrderRetrier({ orders: service.unconfirmedOrders, logger });
  // What a previous process left unconfirmed is tried again from now on.
  orderRetrier.start();
  const app = createApp({
    config: { ...config, shopKey },
    publicUrl,
    service,
    pickup,
    logger,
    events,
    signers: { payments, store: adapter },
    shopifyHandoff,
    shoperAppstore,
    mount: (root) => {
      paymentPlugin.mount?.(root, payments);
      mountAnalytics(root, {
        aggregates: stores.summaries,
        settings,
        okr: config.analytics.okr,
        experiments: experiments.list,
        windowMs: config.analytics.windowHours * HOUR_MS,
        merchantToken,
        catchUp: () => summarizer.catchUp(),
      });
      mountExperiments(root, experiments);
      mountExperimentAssignment(root, { shopId: config.shopId, experiments: experiments.list });
      mountSimulated(root, { summaries: stores.summaries, summarizer });
      mountAlerts(root, {
        merchantToken,
        alerts: () => merchantAlerts(paymentStore, Date.now()),
        refund: service.refund,
        logger,
      });
      mountLive(root, {
        source: stores.summaries,
        windowMs: config.analytics.windowHours * HOUR_MS,
        experiments: experiments.list,
        catchUp: () => summarizer.catchUp(),
      });
      if (options.dashboard) mountDashboard(root, options.dashboard);
      if (options.widget) {
        mountWidget(root, {
          widget: options.widget,
          service,
          publicUrl,
          shopId: config.shopId,
          experiments: experiments.list,
          shopPages: config.shopPages,
          ...(geowidget ? { geowidget } : {}),
          ...(shopifyHandoff ? { handoff: 'shopify' as const } : {}),
        });
      }
    },
    ...(options.ssePollMs ? { ssePollMs: options.ssePollMs } : {}),
  });
  return {
    app,
    service,
    events,
    analytics: { ...stores, events, summarizer, settings, merchantToken },
    shopKey,
    orderRetrier,
    adapter,
    get sandbox(): SandboxAdapter {
      if (!sandbox) throw new Error(`Kasa sells for ${config.store.platform} here, not the sandbox store`);
      return sandbox;
    },
    demoStore: sandbox ?? options.demoStore?.(adapter),
    db,
    logger,
    async close() {
      closing = true;
      // No new tries at unconfirmed orders; the one under way finishes before the database closes.
      await orderRetrier.stop();
      await ga4?.stop();
      await Promise.allSettled(appending);
      // The event writer folds what it kept before it stops; the summarizer then takes the rest.
      summarizer.stopScheduling();
      await stores.events.close?.();
      await summarizer
        .catchUp()
        .catch((error: Error) =>
          logger.warn(
            { err: { message: error.message } },
            'summaries not brought up to date before stopping',
          ),
        );
      db.close();
    },
  };
}
