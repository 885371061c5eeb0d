import type { ErrorCode } from '@kasa/core';
import { normaliseBlikCode } from '@kasa/core';

/** What the sandbox does with a BLIK code: refuse it at once, or wait for the (simulated) bank app. */
export type SandboxBlikOutcome =
  | {
      readonly kind: 'refused';
      readonly status: 'failed' | 'expired' | 'cancelled';
      readonly reason: ErrorCode;
    }
  | { readonly kind: 'awaiting'; readonly answer: 'approve' | 'reject' | 'none' };

/**
 * The sandbox BLIK codes, as in PayU's sandbox:
 *
 * | code | outcome |
 * |---|---|
 * | `777xxx`, `200201` | accepted, then approved in the bank app |
 * | `500500` | accepted, then declined in the bank app (`blik_code_rejected`) |
 * | `700701` | refused at once: expired (`blik_code_expired`) |
 * | `700702` | refused at once: cancelled |
 * | `700703` | refused at once: already used (`blik_code_used`) |
 * | `999xxx` and every other six digits | accepted, never answered: the "shopper never looked at the phone" code, ends as `timeout` |
 * | anything that is not six digits | refused at once (`blik_code_format`) |
 *
 * @example sandboxBlikOutcome('777123'); // { kind: 'awaiting', answer: 'approve' }
 */
export function sandboxBlikOutcome(code: string | undefined): SandboxBlikOutcome {
  const normalised = normaliseBlikCode(code ?? '');
  if (!normalised.ok) return { kind: 'refused', status: 'failed', reason: 'blik_code_format' };
  const digits = normalised.value;
  if (digits.startsWith('777') || digits === '200201') return { kind: 'awaiting', answer: 'approve' };
  switch (digits) {
    case '500500':
      return { kind: 'awaiting', answer: 'reject' };
    case '700701':
      return { kind: 'refused', status: 'expired', reason: 'blik_code_expired' };
    case '700702':
      return { kind: 'refused', status: 'cancelled', reason: 'payment_cancelled' };
    case '700703':
      return { kind: 'refused', status: 'failed', reason: 'blik_code_used' };
    default:
      return { kind: 'awaiting', answer: 'none' };
  }
}
