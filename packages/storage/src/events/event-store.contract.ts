import type { CheckoutEvent } from '@kasa/core';
import { checkoutEventSchema } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import type { SqliteEventStore } from '../sqlite/event-store.ts';

type Store = Pick<SqliteEventStore, 'append' | 'byCheckout' | 'count'>;

let serial = 0;
/** A valid event (checked by the core schema) with a unique id. */
export function sampleEvent(overrides: Partial<CheckoutEvent> = {}): CheckoutEvent {
  serial += 1;
  return checkoutEventSchema.parse({
    id: `evt-${Date.now()}-${serial}`,
    ts: 1_767_225_600_000 + serial,
    shopId: 'demo',
    checkoutId: 'chk_contract',
    name: 'field_blur',
    params: { field: 'email', section: 'contact', filled: true },
    ...overrides,
  });
}

/**
 * One suite every EventStore implementation must pass (run by each implementation's own test
 * against a fresh, empty store).
 */
export function describeEventStore(name: string, fresh: () => Promise<Store>): void {
  describe(`${name} event store`, () => {
    it('stores a batch and reads it back in time order', async () => {
      const store = await fresh();
      const checkoutId = `chk_${Math.random().toString(36).slice(2)}`;
      const events = [2, 1, 3].map((offset) => sampleEvent({ checkoutId, ts: 1_767_225_600_000 + offset }));
      expect(await store.append(events)).toEqual({ stored: 3, duplicates: 0 });
      const stored = await store.byCheckout(checkoutId);
      expect(stored.map((event) => event.ts)).toEqual([
        1_767_225_600_001, 1_767_225_600_002, 1_767_225_600_003,
      ]);
      expect(stored[0]).toEqual(events[1]);
    });

    it('counts a retried batch as duplicates and stores nothing twice', async () => {
      const store = await fresh();
      const events = [sampleEvent(), sampleEvent()];
      await store.append(events);
      const before = await store.count();
      expect(await store.append([...events, sampleEvent()])).toEqual({ stored: 1, duplicates: 2 });
      expect(await store.count()).toBe(before + 1);
    });

    it('stores an id repeated inside one batch once', async () => {
      const store = await fresh();
      const event = sampleEvent();
      expect(await store.append([event, event])).toEqual({ stored: 1, duplicates: 1 });
    });

    it('stores an id sent by batches appended at once for one of them only', async () => {
      const store = await fresh();
      const shared = sampleEvent();
      const before = await store.count();
      const answers = await Promise.all([
        store.append([shared, sampleEvent()]),
        store.append([sampleEvent(), shared]),
        store.append([shared]),
      ]);
      expect(answers.reduce((sum, { stored }) => sum + stored, 0)).toBe(3);
      expect(answers.reduce((sum, { duplicates }) => sum + duplicates, 0)).toBe(2);
      expect(answers.every(({ stored, duplicates }, index) => stored + duplicates === [2, 2, 1][index])).toBe(
        true,
      );
      expect(await store.count()).toBe(before + 3);
    });

    it('accepts an empty batch', async () => {
      const store = await fresh();
      expect(await store.append([])).toEqual({ stored: 0, duplicates: 0 });
    });

    it('keeps every field of the event, including experiments and simulated marks', async () => {
      const store = await fresh();
      const checkoutId = `chk_${Math.random().toString(36).slice(2)}`;
      const event = sampleEvent({
        checkoutId,
        experiments: { 'checkout-layout': 'multi-step' },
        simulated: true,
        firstTouch: { source: 'google', medium: 'cpc', campaign: 'zima-2026' },
      });
      await store.append([event]);
      expect(await store.byCheckout(checkoutId)).toEqual([event]);
    });
  });
}
