import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckoutSummary,
  DAY_MS,
  simulateCheckouts,
  summarize,
  summaryAggregates,
} from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { openSqlite, type SqliteDatabase } from '../sqlite/database.ts';
import { createSqliteEventStore } from '../sqlite/event-store.ts';
import { createThreadedSqliteEventStore } from '../sqlite/threaded-event-store.ts';
import { createSqliteSummaries } from './sqlite-summaries.ts';
import { createSummarizer } from './summarizer.ts';

const START = Date.UTC(2026, 9, 1);
const NOW = START + 3 * DAY_MS;
const freshFile = () => join(mkdtempSync(join(tmpdir(), 'kasa-fold-')), 'kasa.db');
const simulated = (seed: number, checkouts: number): CheckoutEvent[] =>
  [...simulateCheckouts({ seed, checkouts, startTs: START, spanMs: 2 * DAY_MS })].flat();
const batchesOf = (events: readonly CheckoutEvent[], size = 40) =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));

/** A file with the threaded store folding summaries, counting what it leaves to the summarizer. */
function folding() {
  const db = openSqlite(freshFile());
  const seen = { behind: 0, errors: [] as string[] };
  const events = createThreadedSqliteEventStore(db, {
    foldSummaries: { onBehind: () => seen.behind++, onError: (message) => seen.errors.push(message) },
  });
  const summaries = createSqliteSummaries(db);
  return { db, events, summaries, summarizer: createSummarizer(summaries), seen };
}

const position = (db: SqliteDatabase): number =>
  (db.prepare('SELECT position FROM kasa_summary_cursor').get() as { position: number } | undefined)
    ?.position ?? 0;
const lastRow = (db: SqliteDatabase): number =>
  (db.prepare('SELECT MAX(rowid) AS last FROM kasa_events').get() as { last: number }).last;

/** Waits until the summaries' position reaches the last stored event, without the summarizer. */
async function foldedUpToDate(db: SqliteDatabase): Promise<void> {
  const started = Date.now();
  while (position(db) !== lastRow(db)) {
    if (Date.now() - started > 10_000) throw new Error(`position ${position(db)} of ${lastRow(db)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The stored summaries, without the ids kept for de-duplication (their order follows arrival). */
function storedSummaries(db: SqliteDatabase): Map<string, CheckoutSummary> {
  const rows = db.prepare('SELECT checkout_id, summary FROM kasa_summary_state').all() as {
    checkout_id: string;
    summary: string;
  }[];
  return new Map(rows.map((row) => [row.checkout_id, { ...JSON.parse(row.summary), recentIds: [] }]));
}
const reference = (events: readonly CheckoutEvent[]) =>
  new Map(summarize(events).map((s) => [s.checkoutId, { ...s, recentIds: [] }]));
const QUERY = { base: 'checkout', groupBy: ['layout', 'furthest'] } as const;
const cellsOf = (cells: { readonly cells: readonly { readonly key: object }[] }) =>
  [...cells.cells].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));

describe('summaries folded by the SQLite event writer thread', () => {
  it('are folded as events are stored, leaving the summarizer nothing to read', async () => {
    const { db, events, summaries, summarizer, seen } = folding();
    const all = simulated(3, 150);
    for (const batch of batchesOf(all)) await events.append(batch);
    await foldedUpToDate(db);
    expect(seen.behind).toBe(0);
    expect(await summarizer.catchUp()).toBe(0);
    expect(storedSummaries(db)).toEqual(reference(all));
    expect(cellsOf(await summaries.cells(QUERY, { now: NOW }))).toEqual(
      cellsOf(summaryAggregates(summarize(all)).cells(QUERY, { now: NOW })),
    );
    await events.close();
    db.close();
  });

  it('count every event once while the summarizer folds at the same time, repeated batches and all', async () => {
    const { db, events, summaries, summarizer, seen } = folding();
    const all = simulated(5, 300);
    const batches = batchesOf(all, 25);
    const catchUps: Promise<number>[] = [];
    for (const [i, batch] of batches.entries()) {
      // A tenth of the batches twice, as a retrying tracker sends them; the summarizer now and then.
      await Promise.all([events.append(batch), ...(i % 10 === 3 ? [events.append(batch)] : [])]);
      if (i % 7 === 0) catchUps.push(summarizer.catchUp());
      if (i % 11 === 0) await new Promise((resolve) => setTimeout(resolve, 120));
    }
    await Promise.all(catchUps);
    await events.close();
    await summarizer.catchUp();
    expect(seen.behind).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
    expect(position(db)).toBe(lastRow(db));
    expect(storedSummaries(db)).toEqual(reference(all));
    expect(cellsOf(await summaries.cells(QUERY, { now: NOW }))).toEqual(
      cellsOf(summaryAggregates(summarize(all)).cells(QUERY, { now: NOW })),
    );
    db.close();
  });

  it('leave a backlog to the summarizer, and fold again once it has caught up', async () => {
    const { db, events, summarizer, seen } = folding();
    const [early, late] = [simulated(7, 40), simulated(8, 40)];
    // Stored beside the writer (as another process on the file would), so the summaries are behind.
    await createSqliteEventStore(db).append(early.slice(0, 100));
    await events.append(early.slice(100));
    expect(seen.behind).toBe(1);
    expect(await summarizer.catchUp()).toBe(early.length);
    for (const batch of batchesOf(late)) await events.append(batch);
    await foldedUpToDate(db);
    expect(seen.behind).toBe(1);
    expect(storedSummaries(db)).toEqual(reference([...early, ...late]));
    await events.close();
    db.close();
  });

  it('fold what they kept before the writer closes', async () => {
    const file = freshFile();
    const db = openSqlite(file);
    const events = createThreadedSqliteEventStore(db, {
      foldSummaries: { onBehind: () => undefined, onError: () => undefined },
    });
    const all = simulated(9, 20);
    await events.append(all);
    await events.close();
    expect(position(db)).toBe(all.length);
    expect(storedSummaries(db)).toEqual(reference(all));
    db.close();
  });

  it('are not folded from events deleted before the fold (simulated data deleted meanwhile)', async () => {
    const { db, events, summaries, summarizer, seen } = folding();
    const real = sampleEvent({ checkoutId: 'chk_real' });
    await events.append([real]);
    await foldedUpToDate(db);
    await events.append([sampleEvent({ checkoutId: 'chk_sim', simulated: true })]);
    // Within the writer's fold delay: the simulated event is stored and kept, not folded yet.
    expect((await summaries.deleteSimulated()).events).toBe(1);
    await events.close();
    await summarizer.catchUp();
    expect([...storedSummaries(db).keys()]).toEqual(['chk_real']);
    expect(seen.behind).toBe(1);
    db.close();
  });

  it('are left to the summarizer when the fold cannot be loaded, and every event is stored', async () => {
    const db = openSqlite(freshFile());
    const seen = { behind: 0, errors: [] as string[] };
    const events = createThreadedSqliteEventStore(db, {
      foldSummaries: {
        onBehind: () => seen.behind++,
        onError: (message) => seen.errors.push(message),
        module: new URL('./no-such-fold.js', import.meta.url).href,
      },
    });
    const all = simulated(4, 10);
    for (const batch of batchesOf(all)) await events.append(batch);
    await events.close();
    expect(seen.errors).toEqual([expect.stringMatching(/^the summaries' fold did not load/)]);
    expect(seen.behind).toBe(batchesOf(all).length);
    expect(await createSummarizer(createSqliteSummaries(db)).catchUp()).toBe(all.length);
    expect(storedSummaries(db)).toEqual(reference(all));
    db.close();
  });

  it('keep every event when a fold fails, and say why', async () => {
    const { db, events, seen } = folding();
    db.prepare(
      "INSERT INTO kasa_summary_state (checkout_id, summary) VALUES ('chk_broken', '{not json')",
    ).run();
    await events.append([
      sampleEvent({ checkoutId: 'chk_broken' }),
      sampleEvent({ checkoutId: 'chk_broken' }),
    ]);
    await events.close();
    expect(seen.errors).toEqual([expect.stringMatching(/JSON/)]);
    expect(seen.behind).toBe(1);
    expect(await createSqliteEventStore(db).count()).toBe(2);
    expect(position(db)).toBe(0);
    db.close();
  });
});
