import type { SandboxAdapter } from '@kasa/adapter-sandbox';
import { money } from '@kasa/core';
import { payuNotificationBody, payuSignatureHeader } from '@kasa/payments';
import { renderCheckoutFragment } from '@kasa/widget/server';
import { configSchema, type KasaConfigInput } from '../src/config.ts';
import { freePort, listen } from '../src/listen.ts';
import { createRuntime, type RuntimeOptions } from '../src/runtime.ts';
import { startFakeStore } from '../src/storefront/adapter.ts';

export const SHOP_ORIGIN = 'http://shop.example';

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * A real Kasa server on 127.0.0.1 with an in-memory store and a fast sandbox bank app
 * (BLIK approved after 150 ms, confirmation window 1.5 s), plus a tiny HTTP client for it.
 */
export async function startKasa(
  options: {
    config?: KasaConfigInput;
    onAfterPlaceOrder?: RuntimeOptions['onAfterPlaceOrder'];
    onPlatformCall?: RuntimeOptions['onPlatformCall'];
    demoStore?: RuntimeOptions['demoStore'];
    widget?: RuntimeOptions['widget'];
    dashboard?: RuntimeOptions['dashboard'];
  } = {},
) {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const config = configSchema.parse({
    port,
    databaseFile: ':memory:',
    allowedOrigins: [SHOP_ORIGIN],
    rateLimit: { max: 10_000 },
    sandbox: { blikApproveAfterMs: 150, blikApprovalWindowMs: 1_500 },
    ...options.config,
  });
  const runtime = createRuntime({
    config,
    publicUrl,
    logDestination: { write: (line: string) => void logs.push(line) },
    ssePollMs: 50,
    ...(options.onAfterPlaceOrder ? { onAfterPlaceOrder: options.onAfterPlaceOrder } : {}),
    ...(options.onPlatformCall ? { onPlatformCall: options.onPlatformCall } : {}),
    ...(options.demoStore ? { demoStore: options.demoStore } : {}),
    ...(options.widget ? { widget: options.widget } : {}),
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  });
  const server = await listen(runtime.app.fetch, port);

  async function api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${publicUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') ? JSON.parse(text) : text,
    };
  }

  return {
    url: publicUrl,
    runtime,
    /** The sandbox store (the default); throws for a server configured with another store. */
    get sandbox(): SandboxAdapter {
      return runtime.sandbox;
    },
    logs,
    api,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

export type Kasa = Awaited<ReturnType<typeof startKasa>>;

/**
 * The widget's real first-view renderer, with script names that are not served: enough for a shop's
 * server (or a test acting as one) to fetch checkout fragments, without building the widget.
 */
export const fragmentRenderer = (): NonNullable<RuntimeOptions['widget']> => ({
  assets: { entry: 'kasa.js', initial: [], stylesheet: undefined, tracker: 'tracker.js', files: new Map() },
  render: renderCheckoutFragment,
});

/**
 * A Kasa server selling for a local platform fake (what `kasa start --store <name>` runs), with the
 * fake for its own storage and request count, and the demo store the demo shop would use.
 */
export async function startKasaOnFake(
  name: string,
  options: {
    config?: KasaConfigInput;
    onPlatformCall?: RuntimeOptions['onPlatformCall'];
    widget?: RuntimeOptions['widget'];
    /** Settings of the `store` block a merchant could set otherwise (e.g. PrestaShop's `paymentModule`). */
    storeSettings?: Record<string, unknown>;
  } = {},
) {
  const fake = await startFakeStore(name);
  try {
    const { storeSettings, ...rest } = options;
    const kasa = await startKasa({
      ...rest,
      config: { ...options.config, store: { ...fake.store, ...storeSettings } as typeof fake.store },
      demoStore: fake.demoStore,
    });
    const demoStore = kasa.runtime.demoStore;
    if (!demoStore) throw new Error('the runtime made no demo store for the fake');
    // Not a spread: that would read the `sandbox` getter, which throws here.
    return {
      url: kasa.url,
      runtime: kasa.runtime,
      logs: kasa.logs,
      api: kasa.api,
      fake,
      demoStore,
      async close() {
        await kasa.close();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

export type KasaOnFake = Awaited<ReturnType<typeof startKasaOnFake>>;

/** Polls until `check` passes or the time runs out; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 5_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

export const SHOPPER = {
  contact: {
    email: 'anna.kowalska@example.pl',
    phone: '+48 512 345 678',
    firstName: 'Anna',
    lastName: 'Kowalska',
  },
  address: {
    street: 'Marszałkowska',
    buildingNumber: '84',
    flatNumber: '12',
    postcode: '00-514',
    city: 'Warszawa',
  },
} as const;

/** A checkout with contact, an InPost locker near Kraków and BLIK chosen: ready to place. */
export async function readyCheckout(
  kasa: Kasa,
  lines = [{ productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 2 }],
) {
  const cartRef = await kasa.sandbox.createCart(lines);
  const created = await kasa.api('POST', '/api/checkouts', { cartRef });
  const id: string = created.body.id;
  await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
  const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
  const locker = created.body.shippingOptions.find((option: { kind: string }) => option.kind === 'locker');
  await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
    optionId: locker.id,
    pickupPointId: points.body.points[0].id,
  });
  const blik = created.body.paymentMethods.find((method: { kind: string }) => method.kind === 'blik');
  const ready = await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: blik.id });
  return { id, cartRef, view: ready.body, pointId: points.body.points[0].id as string };
}

/**
 * A whole purchase through the checkout API on a fake platform: a cart made on the shop, contact, an
 * InPost locker, BLIK, the order and BLIK 777123 until paid. Returns what each step answered.
 */
export async function buyOnFake(kasa: KasaOnFake) {
  const [product] = kasa.demoStore.listProducts();
  if (!product) throw new Error('the fake has no products');
  const cartRef = await kasa.demoStore.createCart([{ productId: product.id, quantity: 2 }]);
  const created = await kasa.api('POST', '/api/checkouts', { cartRef });
  const id: string = created.body.id;
  await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
  const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
  const pointId: string = points.body.points[0].id;
  const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
  await kasa.api('PUT', `/api/checkouts/${id}/delivery`, { optionId: locker.id, pickupPointId: pointId });
  const blik = created.body.paymentMethods.find((m: { kind: string }) => m.kind === 'blik');
  const ready = await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: blik.id });
  const placed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
    'idempotency-key': `order-${id}`,
  });
  const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
  const final = await eventually(
    () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
    (r) => !['pending', 'awaiting_confirmation'].includes(r.body.status),
  );
  return { id, cartRef, product, pointId, created, ready, placed, started, final };
}

/**
 * An order whose BLIK attempt waits for a bank app that never answers (999xxx), and the PSP's
 * signed notification that calls it COMPLETED, which the server must check before believing.
 */
export async function notifyWaitingAttempt(kasa: Kasa) {
  const { id } = await readyCheckout(kasa);
  await kasa.api('POST', `/api/checkouts/${id}/order`);
  const waiting = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '999123' });
  const { provider_ref: providerRef } = kasa.runtime.db
    .prepare('SELECT provider_ref FROM kasa_payments WHERE id = ?')
    .get(waiting.body.id) as { provider_ref: string };
  const body = payuNotificationBody({
    orderId: providerRef,
    extOrderId: waiting.body.id,
    status: 'COMPLETED',
    amount: money(1),
  });
  const notified = await kasa.api('POST', '/api/payments/notify/sandbox', body, {
    'openpayu-signature': payuSignatureHeader(body, 'sandbox-second-key'),
  });
  return { id, waiting, notified };
}
