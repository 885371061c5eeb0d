/**
 * `kasa refund <checkout id or order id>`: gives a paid order's money back through the payment
 * provider that took it, as `POST /api/checkouts/{id}/refund` does, from the configured database and
 * provider (the runtime builds them, through the registry, as `kasa start` does). Safe beside a
 * running server on the same database, and safe to repeat: the refund is recorded before the
 * provider is asked, and a repeat answers it.
 */
import { describeError, KasaError } from '@kasa/core';
import { z } from 'zod';
import type { RefundView } from '../checkout/refunds.ts';
import { type KasaConfig, loadConfig } from '../config.ts';
import { createRuntime } from '../runtime.ts';
import { type CommandSpec, parseCommand } from './args.ts';

export const REFUND_USAGE = `Usage: kasa refund <checkout id or order id> [--json]

Refunds a paid order's whole payment through the payment provider that took it (the configured
one), once: asking again answers the refund already made, and a failed refund is tried again.
The shop's cancelled or refunded orders are refunded by their webhook without this command.
  kasa refund chk_4f2a…         by the checkout id (in the dashboard's alerts and the logs)
  kasa refund 1042              by the shop's order id
Exit code: 0 refunded, 1 not refunded (the outcome says why and what to do), 2 called wrongly.`;

const refundArgs = z.strictObject({
  json: z.boolean().optional(),
  positionals: z
    .array(z.string().min(1).max(200))
    .length(1, 'give one checkout id or order id, e.g. kasa refund chk_4f2a…'),
});

const REFUND_SPEC: CommandSpec<typeof refundArgs> = {
  command: 'refund',
  schema: refundArgs,
  options: { json: { type: 'boolean' } },
};

/**
 * The outcome in words, for the merchant.
 *
 * @example refundSummary({ status: 'refunded', refundRef: 'RFND1', … }); // 'Refunded: payment pay_… of order ord_… …'
 */
export function refundSummary(refund: RefundView): string {
  const what = `payment ${refund.paymentId} of order ${refund.orderId} (checkout ${refund.checkoutId}, ${refund.provider})`;
  switch (refund.status) {
    case 'refunded':
      return `Refunded: ${what}, the provider's refund id ${refund.refundRef ?? '(none given)'}; asked for by ${refund.requestedBy === 'merchant' ? 'the merchant' : "the shop's webhook"} at ${refund.createdAt}.`;
    case 'refund_pending':
      return `Being refunded right now by another request: ${what}. Run the command again in a minute for the outcome.`;
    case 'refund_failed':
      return `Not refunded: the provider refused or did not answer (${refund.cause ?? 'unknown cause'}) for ${what}. Run the command again (it cannot refund twice), or refund it in the provider's panel.`;
    case 'refund_due':
      return `Not refunded: ${refund.provider} cannot refund through Kasa. Refund ${what} in the provider's panel.`;
  }
}

/** Runs the refund in a runtime of the configuration; the runtime is closed after. */
export async function runRefund(config: KasaConfig, id: string): Promise<RefundView> {
  const runtime = createRuntime({
    config,
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    // Its log lines (ids only) go to stderr, so --json stays clean on stdout.
    logDestination: process.stderr,
  });
  try {
    return await runtime.service.refund(id);
  } finally {
    await runtime.close();
  }
}

export async function refund(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, REFUND_SPEC);
  if (parsed.help) {
    console.log(REFUND_USAGE);
    return 0;
  }
  const [id = ''] = parsed.args.positionals;
  let outcome: RefundView;
  try {
    outcome = await runRefund(loadConfig(), id);
  } catch (error) {
    if (!(error instanceof KasaError)) throw error;
    const described = describeError(error, 'en');
    const details = described.details ? ` ${JSON.stringify(described.details)}` : '';
    console.error(`kasa refund: ${error.code}: ${described.merchantMessage}${details}`);
    return 1;
  }
  console.log(parsed.args.json ? JSON.stringify({ refund: outcome }, null, 2) : refundSummary(outcome));
  return outcome.status === 'refunded' ? 0 : 1;
}
