import { DAY_MS, simulateCheckouts } from '@kasa/analytics';
import { isServerEvent } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args.ts';
import { collectBodies, createCollectClient, MAX_BATCH_BYTES } from './collect-client.ts';
import { REPORT_SPEC } from './report.ts';
import { SIMULATE_SPEC, simulationFor } from './simulate.ts';
import { simulationInputSchema } from './simulation-input.ts';

const NOW = Date.UTC(2026, 10, 20);
const args = (argv: string[]) => {
  const parsed = parseCommand(argv, SIMULATE_SPEC);
  if (parsed.help) throw new Error('help');
  return parsed.args;
};
const usageError = (run: () => unknown): UsageError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('no usage error');
};

describe('command arguments', () => {
  it('validates values and refuses unknown options with exit code 2', () => {
    expect(args(['--checkouts', '2000', '--days=7'])).toMatchObject({ checkouts: 2000, days: 7 });
    const unknown = usageError(() => args(['--checkout', '5']));
    expect(unknown.exitCode).toBe(2);
    expect(unknown.message).toContain('unknown option --checkout');
    expect(unknown.message).toContain('--checkouts');
    expect(usageError(() => args(['--checkouts', 'many'])).message).toContain(
      '--checkouts: a number, e.g. 2000',
    );
    expect(usageError(() => args(['extra'])).message).toContain('takes options only');
    expect(usageError(() => parseCommand(['--json=yes'], REPORT_SPEC)).message).toContain(
      '--json takes no value',
    );
    expect(usageError(() => parseCommand(['--device', 'fridge'], REPORT_SPEC)).message).toContain('--device');
    expect(
      usageError(() => parseCommand(['--from', '2026-11-30', '--to', '2026-11-01'], REPORT_SPEC)).message,
    ).toContain('to is before from');
    expect(parseCommand(['--help'], REPORT_SPEC)).toEqual({ help: true });
  });

  it('takes a shop to drive shoppers through, with their concurrency and consent share', () => {
    expect(args(['--shop', 'http://localhost:3001', '--concurrency', '8', '--consent', '0.5'])).toMatchObject(
      {
        shop: 'http://localhost:3001',
        concurrency: 8,
        consent: 0.5,
      },
    );
    expect(usageError(() => args(['--shop', 'localhost:3001'])).message).toContain('--shop');
    expect(usageError(() => args(['--consent', '2'])).message).toContain('--consent');
    expect(usageError(() => args(['--concurrency', '0'])).message).toContain('--concurrency');
  });

  it('simulates 1000 checkouts over the 28 days ending now unless told otherwise', () => {
    const context = { now: NOW, shopId: 'demo', seed: () => 42 };
    expect(simulationFor(args([]), {}, context)).toEqual({
      checkouts: 1000,
      seed: 42,
      shopId: 'demo',
      startTs: NOW - 28 * DAY_MS,
      spanMs: 28 * DAY_MS,
    });
    const file = simulationInputSchema.parse({
      checkouts: 50,
      startTs: '2026-01-01',
      layouts: [{ name: 'one-page' }, { name: 'multi-step', behaviour: { dropOff: { contact: 0.1 } } }],
    });
    expect(simulationFor(args(['--seed', '9']), file, context)).toMatchObject({
      checkouts: 50,
      seed: 9,
      startTs: Date.UTC(2026, 0, 1),
    });
    expect(simulationFor(args(['--days', '2']), file, context)).toMatchObject({ startTs: NOW - 2 * DAY_MS });
  });

  it('refuses a simulation file with a bad value, naming it', () => {
    const result = simulationInputSchema.safeParse({ layouts: [{ name: 'x', behaviour: { retryRate: 2 } }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('layouts.0.behaviour.retryRate');
    expect(simulationInputSchema.safeParse({ layouts: [{ name: 'a', weight: 0 }] }).success).toBe(false);
    expect(simulationInputSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

describe('collect client', () => {
  const events = [
    ...simulateCheckouts({ seed: 2, checkouts: 60, startTs: NOW - DAY_MS, spanMs: DAY_MS }),
  ].flat();
  const browserEvents = events.filter((event) => !isServerEvent(event.name));

  it('sends batches of at most 100 events and 60 kB', () => {
    const bodies = collectBodies(events);
    expect(bodies.length).toBeGreaterThan(1);
    const sizes = bodies.map((body) => (JSON.parse(body) as { events: unknown[] }).events.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(events.length);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('waits out a 429 for its Retry-After and sends the batch again', async () => {
    const waits: number[] = [];
    let calls = 0;
    const client = createCollectClient('http://127.0.0.1:9', {
      sleep: async (ms) => void waits.push(ms),
      fetch: async (_url, init) => {
        calls += 1;
        if (calls === 2) return new Response('{}', { status: 429, headers: { 'Retry-After': '3' } });
        const { events: sent } = JSON.parse(String(init?.body)) as { events: unknown[] };
        return Response.json({ stored: sent.length, duplicates: 0, rejected: [] });
      },
    });
    const result = await client.append(browserEvents);
    expect(result).toEqual({ stored: browserEvents.length, duplicates: 0, rejected: 0, serverOnly: 0 });
    expect(waits).toEqual([3_000]);
    expect(calls).toBe(collectBodies(browserEvents).length + 1);
  });

  it('posts no purchase or payment outcome, only the server records those, and counts what it left out', async () => {
    const posted: { name: string }[] = [];
    const client = createCollectClient('http://127.0.0.1:9', {
      fetch: async (_url, init) => {
        const { events: sent } = JSON.parse(String(init?.body)) as { events: { name: string }[] };
        posted.push(...sent);
        return Response.json({ stored: sent.length - 1, duplicates: 0, rejected: [{ index: 0 }] });
      },
    });
    const result = await client.append(events);
    const serverOnly = events.length - browserEvents.length;
    expect(serverOnly).toBeGreaterThan(0);
    expect(posted.map((e) => e.name)).toEqual(browserEvents.map((e) => e.name));
    const bodies = collectBodies(browserEvents).length;
    expect(result).toEqual({
      stored: browserEvents.length - bodies,
      duplicates: 0,
      rejected: bodies,
      serverOnly,
    });
  });

  it('stops on a refusal that waiting cannot fix', async () => {
    const client = createCollectClient('http://127.0.0.1:9', {
      sleep: async () => undefined,
      fetch: async () => new Response('{"error":{"code":"body_invalid"}}', { status: 400 }),
    });
    await expect(client.append(events.slice(0, 3))).rejects.toThrow(/answered 400: .*body_invalid/);
  });
});
