import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteCheckoutStore, openSqlite } from '@kasa/storage';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutVisitorId, presentationFor } from '../src/checkout/presentation.ts';
import { configSchema } from '../src/config.ts';
import { eventually, fragmentRenderer, readyCheckout, startKasa } from './harness.ts';

const folder = mkdtempSync(join(tmpdir(), 'kasa-stored-presentation-'));
const databaseFile = join(folder, 'kasa.db');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const start = () => startKasa({ config: { databaseFile }, widget: fragmentRenderer() });
const layoutOf = (html: string) => /<kasa-checkout[^>]* layout="([a-z-]+)"/.exec(html)?.[1];

/** Rewrites a stored checkout as Kasa stored it before presentations: `layout` with its arm. */
function storeTheOldWay(checkoutId: string, layout: string) {
  const db = openSqlite(databaseFile);
  try {
    const checkouts = createSqliteCheckoutStore(db);
    const { presentation: _new, ...data } = (checkouts.get(checkoutId)?.data ?? {}) as Record<
      string,
      unknown
    >;
    checkouts.update(checkoutId, {
      ...data,
      layout: { layout, experiment: { key: 'checkout-layout', variation: layout } },
    });
  } finally {
    db.close();
  }
}

describe('a checkout stored before presentations', () => {
  it('still loads, keeps the layout it was shown in, and its purchase counts for that arm', async () => {
    const before = await start();
    const { id } = await readyCheckout(before);
    await before.close();
    // The arm the experiment would not give it now, so what the page shows can only come from storage.
    const now = presentationFor(configSchema.parse({}).experiments, checkoutVisitorId(id)).layout;
    const stored = now === 'one-page' ? 'multi-step' : 'one-page';
    storeTheOldWay(id, stored);

    const kasa = await start();
    try {
      const view = await kasa.api('GET', `/api/checkouts/${id}`);
      expect(view.status).toBe(200);
      expect(view.body.contact.email).toBe('anna.kowalska@example.pl');
      const fragment = await kasa.api('GET', `/api/checkouts/${id}/fragment`);
      expect(fragment.status).toBe(200);
      expect(layoutOf(fragment.body)).toBe(stored);
      expect(kasa.runtime.service.shownPresentation(id)).toEqual({
        layout: stored,
        paymentOrder: 'blik-first',
        deliveryOrder: 'locker-first',
        arms: { 'checkout-layout': stored },
      });

      await kasa.api('POST', `/api/checkouts/${id}/order`);
      const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
      const purchase = await eventually(
        async () => (await kasa.runtime.events.byCheckout(id)).find((e) => e.name === 'purchase'),
        (found) => found !== undefined,
      );
      expect(started.status).toBe(201);
      expect(purchase?.experiments).toEqual({ 'checkout-layout': stored });
    } finally {
      await kasa.close();
    }
  });
});
