/**
 * The benchmark's Kasa: the real runtime on the sandbox store, in memory, with one ready checkout
 * and the two paths the benchmark reads.
 */
import { configSchema, createRuntime } from '@kasa/server';

export async function benchCheckout() {
  const config = configSchema.parse({
    databaseFile: ':memory:',
    logLevel: 'silent',
    rateLimit: { max: 1_000_000 },
  });
  // The public URL is only used in payment links, which this benchmark never follows.
  const runtime = createRuntime({ config, publicUrl: 'http://127.0.0.1' });
  const product = runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await runtime.sandbox.createCart([{ productId: product, quantity: 2 }]);
  const created = await runtime.app.request('/api/checkouts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cartRef }),
  });
  const { id } = (await created.json()) as { id: string };
  return {
    runtime,
    id,
    paths: { read: `/api/checkouts/${id}`, quote: `/api/checkouts/${id}/shipping-options?postcode=30-001` },
  };
}
