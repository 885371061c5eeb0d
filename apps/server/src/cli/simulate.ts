/**
 * `kasa simulate`: synthetic checkouts, marked simulated, written into the configured store (and
 * folded into the summaries) or posted to a running server's collector like the tracker does.
 */
import { randomInt } from 'node:crypto';
import { DAY_MS, resolveSimulation, type SimulationInput } from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import { deletesSimulated } from '@kasa/storage';
import { z } from 'zod';
import { writeSimulated } from '../analytics/seed.ts';
import { loadConfig } from '../config.ts';
import { type CommandSpec, parseCommand, UsageError, valueOptions } from './args.ts';
import { createCollectClient } from './collect-client.ts';
import { driveFromCli } from './drive.ts';
import { createProgress } from './progress.ts';
import { readSimulationInput } from './simulation-input.ts';
import { openStores, reportingSummarizer } from './stores.ts';
import { groupDigits, isoDate, seconds } from './text.ts';

export const SIMULATE_USAGE = `Usage: kasa simulate [options]

Simulated shoppers, every event marked simulated: true (reports and the dashboard show real
checkouts only unless asked for simulated ones: --simulated true|both, the dashboard's data filter).
Two ways:

  kasa simulate --shop http://localhost:3001 --checkouts 200
      drives the shoppers through a running demo shop (pnpm start) and its Kasa checkout API: carts,
      checkout pages with the layout Kasa's experiment chose, contact, delivery, invoice, orders,
      sandbox BLIK and bank payments, bad field values where the simulation says a field goes wrong;
      the tracker's events go to Kasa's collector, and the purchases Kasa records come from the
      verified payments. Live: it takes minutes (Kasa allows 120 writes a minute per address; start
      it with KASA_RATE_LIMIT_MAX=100000 for a faster run).
  kasa simulate --checkouts 100000 --days 90
      writes a history of those shoppers' events (no orders), purchases and failed payments
      included, straight into the configured store; or with --url posts to a running Kasa's
      collector what their browsers would send: without purchases and payment outcomes, which
      only the server records (from verified payments).

Options:
  --checkouts N     shoppers (carts) to simulate (default 1000; about half begin checkout)
  --seed N          the same seed gives the same shoppers (default: random, printed)
  --config FILE     a JSON simulation: layouts and their behaviour (drop-off per section, field error
                    rates, BLIK rejections and time-outs), channel, device and payment mixes (see
                    SimulationInput in @kasa/analytics); the options override it
  --shop URL        drive the shoppers through this running demo shop
  --concurrency N   with --shop: shoppers at once (default 4)
  --consent R       with --shop: share of shoppers who accept analytics (default 0.6)
  --days D          without --shop: spread the history over the D days ending now (default 28)
  --url URL         Kasa's address (e.g. http://127.0.0.1:3000): where --shop sends the tracker's
                    events (default: publicUrl, else http://localhost:PORT); without --shop, post
                    the history's browser events to its /api/collect instead of writing into the
                    configured store
  --delete          delete every simulated checkout (events, summaries) from the configured store,
                    the demo seed's too; real checkouts stay`;

/** A number option: text that must read as a number, then the range. */
const numberText = (example: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `a number, e.g. ${example}`)
    .transform(Number);

const simulateArgs = z.strictObject({
  checkouts: numberText('2000').pipe(z.number().int().min(1).max(10_000_000)).optional(),
  seed: numberText('42')
    .pipe(
      z
        .number()
        .int()
        .max(2 ** 32 - 1),
    )
    .optional(),
  days: numberText('28').pipe(z.number().positive().max(3_650)).optional(),
  config: z.string().min(1).optional(),
  url: z.url({ protocol: /^https?$/, message: 'an http(s) URL like http://127.0.0.1:3000' }).optional(),
  shop: z.url({ protocol: /^https?$/, message: 'an http(s) URL like http://localhost:3001' }).optional(),
  concurrency: numberText('4').pipe(z.number().int().min(1).max(64)).optional(),
  consent: numberText('0.6').pipe(z.number().min(0).max(1)).optional(),
  delete: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'kasa simulate takes options only'),
});

export const SIMULATE_SPEC: CommandSpec<typeof simulateArgs> = {
  command: 'simulate',
  schema: simulateArgs,
  options: {
    ...valueOptions('checkouts', 'seed', 'days', 'config', 'url', 'shop', 'concurrency', 'consent'),
    delete: { type: 'boolean' },
  },
};

/**
 * The simulation to run: the file's settings, then the options; by default 1000 checkouts over the
 * 28 days ending `now` with a random seed.
 *
 * @example
 * simulationFor({ checkouts: 500, days: 7 }, {}, { now, shopId: 'demo', seed: () => 42 });
 * // { checkouts: 500, seed: 42, shopId: 'demo', startTs: now - 7 days, spanMs: 7 days }
 */
export function simulationFor(
  args: z.output<typeof simulateArgs>,
  file: SimulationInput,
  context: { readonly now: number; readonly shopId: string; readonly seed?: () => number },
): SimulationInput {
  const span =
    args.days !== undefined
      ? { startTs: context.now - args.days * DAY_MS, spanMs: Math.round(args.days * DAY_MS) }
      : file.startTs !== undefined
        ? {}
        : { startTs: context.now - (file.spanMs ?? 28 * DAY_MS), spanMs: file.spanMs ?? 28 * DAY_MS };
  const input: SimulationInput = {
    ...file,
    checkouts: args.checkouts ?? file.checkouts ?? 1000,
    seed: args.seed ?? file.seed ?? (context.seed ?? (() => randomInt(2 ** 31)))(),
    shopId: file.shopId ?? context.shopId,
    ...span,
  };
  try {
    resolveSimulation(input);
  } catch (error) {
    throw new UsageError(`kasa simulate: ${(error as Error).message}`);
  }
  return input;
}

/** `kasa simulate --delete`: the configured store without its simulated checkouts. */
async function deleteFromStore(args: z.output<typeof simulateArgs>): Promise<number> {
  const { delete: _, positionals: __, ...others } = args;
  const given = Object.keys(others).filter((key) => others[key as keyof typeof others] !== undefined);
  if (given.length > 0) {
    throw new UsageError(`kasa simulate: --delete takes no other options (got --${given.join(', --')})`);
  }
  const stores = await openStores(loadConfig());
  try {
    const summaries = stores.summaries;
    if (!deletesSimulated(summaries)) throw new Error(`${stores.where} cannot delete simulated data`);
    const progress = createProgress('Updating summaries', { unit: 'events' });
    const deleted = await reportingSummarizer(summaries, (n) => progress.update(n)).whileIdle(() =>
      summaries.deleteSimulated(),
    );
    progress.finish();
    console.error(
      `Deleted ${groupDigits(deleted.checkouts)} simulated checkouts and their ${groupDigits(deleted.events)} events from ${stores.where}.`,
    );
    return 0;
  } finally {
    await stores.close();
  }
}

export async function simulate(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, SIMULATE_SPEC);
  if (parsed.help) {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  const { args } = parsed;
  if (args.delete) return deleteFromStore(args);
  const file = args.config ? readSimulationInput(args.config) : {};
  if (args.shop && args.days !== undefined) {
    throw new UsageError('kasa simulate: --days is for a history; shoppers driven with --shop shop now');
  }
  const config = loadConfig();
  const input = simulationFor(args, file, { now: Date.now(), shopId: config.shopId });
  if (args.shop) {
    const kasaUrl = args.url ?? config.publicUrl ?? `http://localhost:${config.port}`;
    return driveFromCli({ ...args, shop: args.shop }, input, kasaUrl);
  }
  if (args.concurrency !== undefined || args.consent !== undefined) {
    throw new UsageError('kasa simulate: --concurrency and --consent go with --shop');
  }
  const resolved = resolveSimulation(input);
  const total = resolved.checkouts;
  const stores = args.url ? undefined : await openStores(config);
  const target = args.url ? `${args.url} (POST /api/collect)` : (stores?.where ?? '');
  console.error(
    `Simulating ${groupDigits(total)} checkouts (seed ${resolved.seed}, ${isoDate(resolved.startTs)} – ${isoDate(resolved.startTs + resolved.spanMs)}, layouts ${resolved.layouts.map((l) => l.name).join(' / ')}) into ${target}`,
  );
  try {
    const progress = createProgress('Writing', { unit: 'checkouts', total });
    const left = { serverOnly: 0, rejected: 0 };
    const collector =
      args.url &&
      createCollectClient(args.url, {
        onWait: (ms, reason) => progress.note(`${reason}: waiting ${seconds(ms)}`),
      });
    const events = collector
      ? {
          async append(batch: readonly CheckoutEvent[]) {
            const result = await collector.append(batch);
            left.serverOnly += result.serverOnly;
            left.rejected += result.rejected;
            return result;
          },
        }
      : (stores as NonNullable<typeof stores>).events;
    const started = Date.now();
    const written = await writeSimulated(events, input, {
      onProgress: ({ checkouts }) => progress.update(checkouts),
    });
    progress.finish(
      `Wrote ${groupDigits(written.events)} events of ${groupDigits(written.checkouts)} simulated checkouts in ${seconds(Date.now() - started)} (${groupDigits(written.stored)} new, ${groupDigits(written.events - written.stored - left.serverOnly - left.rejected)} already there).`,
    );
    if (stores) {
      const folding = createProgress('Updating summaries', { unit: 'events' });
      const foldStarted = Date.now();
      const folded = await reportingSummarizer(stores.summaries, (n) => folding.update(n)).catchUp();
      folding.finish(
        `Folded ${groupDigits(folded)} events into the summaries in ${seconds(Date.now() - foldStarted)}.`,
      );
    } else {
      console.error('The server folds them into its summaries by itself.');
      console.error(
        `Not posted: ${groupDigits(left.serverOnly)} purchases and failed payments (only the server records them, from verified payments; without --url they go into the store with the rest).`,
      );
      if (left.rejected > 0) console.error(`The collector refused ${groupDigits(left.rejected)} events.`);
    }
    console.error(
      "They are marked simulated: reports leave them out unless asked (kasa report --simulated both, the dashboard's data filter); kasa simulate --delete deletes them.",
    );
    return 0;
  } finally {
    await stores?.close();
  }
}
