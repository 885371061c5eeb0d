/**
 * `kasa simulate --shop URL`: synthetic shoppers through a running demo shop and its checkout API,
 * with a progress bar and a closing tally.
 */
import { resolveSimulation, type SimulationInput } from '@kasa/analytics';
import { type DriveTally, driveShoppers } from '../simulation/drive-shoppers.ts';
import { createProgress } from './progress.ts';
import { groupDigits, seconds } from './text.ts';

const SHOWN_PROBLEMS = 10;

/** The tally as a few lines a person reads. */
function describeTally(tally: DriveTally): string[] {
  const layouts = Object.entries(tally.layouts)
    .map(([name, n]) => `${name} ${groupDigits(n)}`)
    .join(', ');
  const failed = Object.entries(tally.failedPayments)
    .map(([reason, n]) => `${reason} ${groupDigits(n)}`)
    .join(', ');
  return [
    `${groupDigits(tally.shoppers)} shoppers, ${groupDigits(tally.begun)} opened the checkout (${layouts || 'none'})`,
    `${groupDigits(tally.orders)} orders: ${groupDigits(tally.paid)} paid, ${groupDigits(tally.cashOnDelivery)} cash on delivery; failed payments: ${failed || 'none'}`,
    `${groupDigits(tally.fieldErrors.sent)} bad field values sent, ${groupDigits(tally.fieldErrors.refused)} refused by the API`,
    `${groupDigits(tally.events.sent)} tracker events sent, ${groupDigits(tally.events.kept)} kept by the collector`,
  ];
}

export async function driveFromCli(
  args: { readonly shop: string; readonly concurrency?: number; readonly consent?: number },
  input: SimulationInput,
  kasaUrl: string,
): Promise<number> {
  const { checkouts, seed } = resolveSimulation(input);
  console.error(
    `Driving ${groupDigits(checkouts)} shoppers (seed ${seed}) through ${args.shop}, events to ${kasaUrl}`,
  );
  const progress = createProgress('Shopping', { unit: 'shoppers', total: checkouts });
  const started = Date.now();
  const driving = driveShoppers({
    shopUrl: args.shop,
    kasaUrl,
    simulation: input,
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.consent !== undefined ? { consentRate: args.consent } : {}),
    onProgress: (done) => progress.update(done),
    onWait: (ms, reason) => progress.note(`${reason}: waiting ${seconds(ms)}`),
  });
  const tally = await driving.catch((error: Error) => {
    progress.finish();
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`kasa simulate: ${error.message}${cause}. Is the demo shop running (pnpm start)?`);
    return undefined;
  });
  if (!tally) return 1;
  progress.finish(`Done in ${seconds(Date.now() - started)}.`);
  for (const line of describeTally(tally)) console.error(`  ${line}`);
  if (tally.problems.length === 0) return 0;
  console.error(`${groupDigits(tally.problems.length)} shoppers met something unexpected:`);
  for (const problem of tally.problems.slice(0, SHOWN_PROBLEMS)) console.error(`  ${problem}`);
  return 1;
}
