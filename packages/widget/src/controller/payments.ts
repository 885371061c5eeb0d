/**
 * The controller's payment half: placing the order and paying, following the payment, BLIK's
 * countdown, cancel and retry. A chunk of its own, fetched when the shopper first edits the form (or
 * at once when the checkout already has a payment), so the bundle before interaction stays within
 * its weight goal.
 */
import type { Context } from './context.ts';
import { createPayer } from './paying.ts';
import type { Saver } from './saving.ts';
import { createWatcher } from './watch.ts';

export function createPayments(ctx: Context, saver: Saver) {
  const watcher = createWatcher(ctx);
  return { ...watcher, ...createPayer(ctx, saver, watcher) };
}
