/**
 * Paying in the sandbox as the simulation planned: BLIK codes the sandbox approves (777xxx),
 * declines (500500) or never confirms (999xxx); the sandbox bank's approve or decline for
 * pay-by-link, card and BNPL; each attempt followed to its final status.
 */
import { between } from '@kasa/analytics';
import {
  type CheckoutEvent,
  type ErrorCode,
  FINAL_PAYMENT_STATUSES,
  type PaymentMethod,
  type PaymentView,
} from '@kasa/core';
import { type BrowserSession, expectStatus, success, UnexpectedAnswer } from './browser-session.ts';

/** An attempt's outcome: paid, or why it failed. */
export type Outcome = 'paid' | ErrorCode;

/** What paying needs of a shopper: their browser, their dice, and how often to look. */
export interface PayingShopper {
  readonly browser: BrowserSession;
  readonly random: () => number;
  readonly pollMs: number;
  readonly send: typeof fetch;
}

/** The payment attempts the simulation planned, in order: paid, or the reason each one failed. */
export function plannedPayments(plan: readonly CheckoutEvent[]): Outcome[] {
  return plan.flatMap((event): Outcome[] => {
    if (event.name === 'purchase') return ['paid'];
    if (event.name === 'payment_failed') return [event.params.reason];
    return [];
  });
}

function blikCodeFor(outcome: Outcome, random: () => number): string {
  const three = String(between(random, 0, 999)).padStart(3, '0');
  if (outcome === 'paid') return `777${three}`;
  if (outcome === 'blik_timeout') return `999${three}`;
  return '500500';
}

/** One payment attempt, steered to the planned outcome, followed to its final status. */
export async function pay(
  checkoutUrl: string,
  method: PaymentMethod,
  planned: Outcome,
  kit: PayingShopper,
): Promise<PaymentView> {
  const { browser } = kit;
  const body =
    method.kind === 'blik'
      ? { methodId: method.id, blikCode: blikCodeFor(planned, kit.random) }
      : { methodId: method.id };
  const started = expectStatus(
    await browser.kasa<PaymentView>('POST', `${checkoutUrl}/payments`, body),
    success,
    'starting the payment',
  ).body;
  if (started.redirectUrl) {
    // The sandbox bank's page: the shopper approves, or declines when the plan says it fails.
    const decision = planned === 'paid' ? 'approve' : 'reject';
    await kit.send(started.redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision }),
      redirect: 'manual',
    });
  }
  const deadline = Date.now() + Math.max(30_000, (started.confirmBy ?? 0) - Date.now() + 10_000);
  let payment = started;
  while (!FINAL_PAYMENT_STATUSES.has(payment.status)) {
    if (Date.now() > deadline) throw new UnexpectedAnswer(`payment ${started.id} never ended`);
    await new Promise((resolve) => setTimeout(resolve, kit.pollMs));
    const answer = await browser.kasa<PaymentView>('GET', `${checkoutUrl}/payments/${started.id}`);
    payment = expectStatus(answer, success, 'following the payment').body;
  }
  return payment;
}
