/** What the fake's "bank app" does with a BLIK confirmation. */
export type FakeBlikOutcome =
  /** Refused at confirmation, before any bank app: the intent is back at `requires_payment_method`. */
  | { readonly kind: 'refused'; readonly code: string; readonly declineCode: string }
  /** The bank app approves or declines after the fake's `approveAfterMs`. */
  | { readonly kind: 'approve' }
  | { readonly kind: 'decline'; readonly declineCode: string }
  /** Never answered: Stripe times the intent out when the window closes. */
  | { readonly kind: 'none' };

const INVALID = 'payment_method_invalid_parameter';

/**
 * Stripe's test mode decides BLIK failures by the billing e-mail's local part (docs: BLIK › Accept a
 * payment › Test your integration); any code succeeds otherwise.
 */
const EMAIL_OUTCOMES: Readonly<Record<string, FakeBlikOutcome>> = {
  invalid_code: { kind: 'refused', code: INVALID, declineCode: 'code_invalid' },
  expired_code: { kind: 'refused', code: INVALID, declineCode: 'code_expired' },
  limit_exceeded: { kind: 'decline', declineCode: 'payment_limit_exceeded' },
  insufficient_funds: { kind: 'decline', declineCode: 'insufficient_funds' },
  customer_declined: { kind: 'decline', declineCode: 'customer_declined' },
  bank_declined: { kind: 'decline', declineCode: 'partner_generic_decline' },
  blik_declined: { kind: 'decline', declineCode: 'partner_generic_decline' },
  customer_timeout: { kind: 'none' },
  bank_timeout: { kind: 'none' },
  blik_timeout: { kind: 'none' },
};

/**
 * The fake's BLIK outcomes. Kasa never sends the shopper's e-mail to Stripe, so besides Stripe's
 * e-mail patterns the fake reads the code, with the codes Kasa's sandbox uses (PayU's):
 *
 * | code | outcome |
 * |---|---|
 * | `777xxx`, `200201` | `requires_action` / `blik_authorize`, approved after `approveAfterMs` |
 * | `500500` | `requires_action`, declined in the bank app (`customer_declined`) |
 * | `700701` | refused at once: `code_expired` |
 * | `700703` | refused at once: `code_invalid` (a used code) |
 * | any other six digits (`999xxx`) | `requires_action`, never answered: times out when the window closes |
 *
 * A billing e-mail starting with one of Stripe's test patterns (`expired_code@…`, `customer_declined@…`,
 * `blik_timeout@…`, …) decides instead, as in Stripe's test mode.
 *
 * @example fakeBlikOutcome('700701'); // { kind: 'refused', code: 'payment_method_invalid_parameter', declineCode: 'code_expired' }
 */
export function fakeBlikOutcome(code: string, email?: string): FakeBlikOutcome {
  const local = email?.split('@')[0];
  const byEmail = local === undefined ? undefined : EMAIL_OUTCOMES[local];
  if (byEmail) return byEmail;
  if (code.startsWith('777') || code === '200201') return { kind: 'approve' };
  if (code === '500500') return { kind: 'decline', declineCode: 'customer_declined' };
  if (code === '700701') return { kind: 'refused', code: INVALID, declineCode: 'code_expired' };
  if (code === '700703') return { kind: 'refused', code: INVALID, declineCode: 'code_invalid' };
  return { kind: 'none' };
}
