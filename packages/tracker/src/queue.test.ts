// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sample, setup, spyStorage } from './test-helpers.ts';

const granted = { analytics_storage: 'granted' } as const;
const offline = new TypeError('Failed to fetch');

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('offline queue', () => {
  it('survives a reload and sends the previous page’s events first', async () => {
    const storage = spyStorage();
    const before = setup({ storage, replies: [offline] });
    before.tracker.setConsent(granted);
    before.tracker.track(sample.step);
    before.tracker.track(sample.blur);
    await before.tracker.flush();
    expect(before.bodies).toHaveLength(0);
    await vi.waitFor(() => expect(JSON.stringify([...storage.data.values()])).toContain('field_blur'));

    const after = setup({ storage });
    after.tracker.setConsent(granted);
    after.tracker.track(sample.payment);
    await after.tracker.flush();
    const sent = await after.events();
    expect(sent.map((e) => e.name)).toEqual(['checkout_step_view', 'field_blur', 'add_payment_info']);
    expect(sent[0]?.visitorId).toBe(sent[2]?.visitorId);
    expect(after.fetch.mock.calls.length).toBe(1);
  });

  it('does not send an event again once the collector has it', async () => {
    const storage = spyStorage();
    const first = setup({ storage });
    first.tracker.setConsent(granted);
    first.tracker.track(sample.step);
    await first.tracker.flush();
    first.win.dispatchEvent(new first.win.Event('pagehide'));
    expect(first.sendBeacon).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(JSON.stringify([...storage.data.values()])).not.toContain('checkout_step_view'),
    );

    const second = setup({ storage });
    second.tracker.setConsent(granted);
    await second.tracker.flush();
    expect(second.fetch).not.toHaveBeenCalled();
  });

  it('keeps at most maxQueue events, drops the oldest and reports how many', async () => {
    const { tracker, attempts } = setup({ maxQueue: 10, batchSize: 100, replies: [offline, 200] });
    tracker.setConsent(granted);
    for (let i = 1; i <= 15; i++) tracker.track({ name: 'blik_code_submitted', params: { attempt: i } });
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(1000);
    const delivered = attempts.at(-1);
    expect(delivered?.dropped).toBe(5);
    expect(delivered?.events.map((e) => (e.params as { attempt: number }).attempt)).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
  });

  it('carries the dropped count over a reload', async () => {
    const storage = spyStorage();
    const before = setup({ storage, maxQueue: 10, batchSize: 100, replies: [offline] });
    before.tracker.setConsent(granted);
    for (let i = 1; i <= 12; i++) before.tracker.track(sample.step);
    await before.tracker.flush();
    await vi.waitFor(() => expect(storage.set).toHaveBeenCalled());

    const after = setup({ storage });
    after.tracker.setConsent(granted);
    await after.tracker.flush();
    expect(after.bodies[0]).toMatchObject({ dropped: 2 });
    expect(after.bodies[0]?.events).toHaveLength(10);
  });

  it('keeps events in memory only without consent and still delivers them later in the page', async () => {
    const { tracker, storage, events } = setup({ replies: [offline, 200] });
    tracker.track(sample.step);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await events()).toHaveLength(1);
    expect(storage.set).not.toHaveBeenCalled();
  });
});
