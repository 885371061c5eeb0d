/**
 * `kasa simulate`: synthetic checkouts, marked simulated, written into the configured store (and
 * folded into the summaries) or posted to a running server's collector like the tracker does.
 */
import { randomInt } from 'node:crypto';
import { DAY_MS, resolveSimulation, type SimulationInput } from '@kasa/analytics';
import { z } from 'zod';
import { writeSimulated } from '../analytics/seed.ts';
import { loadConfig } from '../config.ts';
import { type CommandSpec, parseCommand, UsageError, valueOptions } from './args.ts';
import { createCollectClient } from './collect-client.ts';
import { createProgress } from './progress.ts';
import { readSimulationInput } from './simulation-input.ts';
import { openStores, reportingSummarizer } from './stores.ts';
import { groupDigits, isoDate, seconds } from './text.ts';

export const SIMULATE_USAGE = `Usage: kasa simulate [options]

Writes simulated checkouts (every event marked simulated: true; reports count them apart and the
dashboard labels them).

Options:
  --checkouts N     carts to simulate (default 1000; about half begin checkout)
  --seed N          the same seed gives the same checkouts (default: random, printed)
  --days D          spread them over the D days ending now (default 28)
  --config FILE     a JSON simulation: layouts and their behaviour, mixes, rates (see SimulationInput
                    in @kasa/analytics); the options above override it
  --url URL         post to a running Kasa's /api/collect (e.g. http://127.0.0.1:3000) instead of
                    writing into the configured store`;

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
  positionals: z.array(z.string()).max(0, 'kasa simulate takes options only'),
});

export const SIMULATE_SPEC: CommandSpec<typeof simulateArgs> = {
  command: 'simulate',
  usage: SIMULATE_USAGE,
  schema: simulateArgs,
  options: valueOptions('checkouts', 'seed', 'days', 'config', 'url'),
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

export async function simulate(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, SIMULATE_SPEC);
  if (parsed.help) {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  const { args } = parsed;
  const file = args.config ? readSimulationInput(args.config) : {};
  const config = loadConfig();
  const input = simulationFor(args, file, { now: Date.now(), shopId: config.shopId });
  const resolved = resolveSimulation(input);
  const total = resolved.checkouts;
  const stores = args.url ? undefined : await openStores(config);
  const target = args.url ? `${args.url} (POST /api/collect)` : (stores?.where ?? '');
  console.error(
    `Simulating ${groupDigits(total)} checkouts (seed ${resolved.seed}, ${isoDate(resolved.startTs)} – ${isoDate(resolved.startTs + resolved.spanMs)}, layouts ${resolved.layouts.map((l) => l.name).join(' / ')}) into ${target}`,
  );
  try {
    const progress = createProgress('Writing', { unit: 'checkouts', total });
    const events = args.url
      ? createCollectClient(args.url, {
          onWait: (ms, reason) => progress.note(`${reason}: waiting ${seconds(ms)}`),
        })
      : (stores as NonNullable<typeof stores>).events;
    const started = Date.now();
    const written = await writeSimulated(events, input, {
      onProgress: ({ checkouts }) => progress.update(checkouts),
    });
    progress.finish(
      `Wrote ${groupDigits(written.events)} events of ${groupDigits(written.checkouts)} simulated checkouts in ${seconds(Date.now() - started)} (${groupDigits(written.stored)} new, ${groupDigits(written.events - written.stored)} already there).`,
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
    }
    console.error(
      'They are marked simulated: the dashboard labels them, and --simulated false (or ?simulated=false) leaves them out.',
    );
    return 0;
  } finally {
    await stores?.close();
  }
}
