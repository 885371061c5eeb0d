import type { ErrorCode, PaymentKind, PaymentStatusValue } from '@kasa/core';

/** Where an attempt stands: a Kasa status and, for a failure, its reason. */
export interface Outcome {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
}

/** What this process remembers of an attempt; lost on a restart, so never needed for `paid`. */
export interface LocalAttempt {
  readonly kind?: PaymentKind;
  /** The amount registered, in minor units: what `verify` confirms. */
  readonly amount?: number;
  /** BLIK: the end of the bank-app confirmation window (epoch ms). */
  readonly confirmBy?: number;
  /** A refusal P24 reported (chargeByCode's 4xx, or a BLIK result notification with an error). */
  readonly refusal?: Outcome;
  /** P24's payment page token (this process only). */
  readonly token?: string;
  /** BLIK: P24 took the code (chargeByCode answered, or P24 shows an order for the transaction). */
  readonly charged?: boolean;
  /** Cancelled by the shop: P24's REST API has no call that cancels a registered transaction. */
  readonly cancelled?: boolean;
}

/** P24's transaction `status` (GET /transaction/by/sessionId): the documented values. */
export const P24_STATUS = {
  /** No payment. */
  none: 0,
  /** Advance payment: the payer paid, the merchant has not verified; not settled. */
  advance: 1,
  /** Payment made (verified). */
  made: 2,
  /** Payment returned. */
  returned: 3,
} as const;

/** A BLIK refusal, whatever P24's code: v1.0.16 documents no BLIK result codes beyond `"0"` = success. */
export const BLIK_REFUSED: Outcome = { status: 'rejected', reason: 'blik_code_rejected' };

/**
 * BLIK result `error` values with an outcome of their own. ASSUMED, not documented: P24's OpenAPI
 * 1.0.16 lists no BLIK error codes (only `"0"` = success, and alias codes 51 and 68), and no P24
 * sandbox answer was seen. The local fake sends these; replace them with the codes P24's sandbox
 * really sends once seen. Any other non-zero value is {@link BLIK_REFUSED}.
 */
export const BLIK_ERROR_OUTCOMES: Readonly<Record<string, Outcome>> = {
  BLIK_CODE_EXPIRED: { status: 'expired', reason: 'blik_code_expired' },
};

/** The outcome of a BLIK result notification's `error`; undefined for success (`"0"`). */
export function blikResultOutcome(error: string | number): Outcome | undefined {
  const code = String(error);
  if (code === '0') return undefined;
  return BLIK_ERROR_OUTCOMES[code] ?? BLIK_REFUSED;
}

/**
 * P24's `date` (registration time) as epoch ms: ISO 8601 with an offset, or `YYYY-MM-DD HH:MM:SS`
 * read as Polish time. The form is ASSUMED (P24 documents the field as a string only); undefined
 * when it is neither.
 *
 * @example parseP24Date('2026-01-15 12:00:00'); // Date.UTC(2026, 0, 15, 11) (CET, UTC+1)
 */
export function parseP24Date(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) && text.includes('T')) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = wall - warsawOffsetMs(wall);
  return wall - warsawOffsetMs(first);
}

const warsaw = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far Polish wall-clock time is ahead of UTC at an instant. */
function warsawOffsetMs(epochMs: number): number {
  const parts = warsaw.formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Maps P24's transaction status plus what this process remembers onto Kasa's status.
 * `verify` means: paid by the payer, and Kasa must `PUT /transaction/verify` before it says `paid`.
 * P24 money wins over every local verdict: an approval after Kasa's timeout or cancel is `paid`.
 *
 * | P24 status | local | Kasa |
 * |---|---|---|
 * | 2 made, 3 returned | any | `paid` |
 * | 1 advance | any | verify, then `paid` |
 * | 0 none | a refusal (BLIK error, chargeByCode 4xx) | `rejected` (`blik_code_rejected`) |
 * | 0 none | cancelled | `cancelled` (`payment_cancelled`) |
 * | 0 none | BLIK past its window | `timeout` (`blik_timeout`) |
 * | 0 none | BLIK within its window | `awaiting_confirmation` |
 * | 0 none | pay-by-link, card | `redirect` |
 * | 0 none | nothing remembered, no kind (after a restart: the provider passes a BLIK window from P24's `date`) | `pending` |
 *
 * @example mapP24Status(1, undefined, Date.now()); // 'verify'
 */
export function mapP24Status(
  p24Status: number,
  local: LocalAttempt | undefined,
  now: number,
): Outcome | 'verify' {
  if (p24Status === P24_STATUS.made || p24Status === P24_STATUS.returned) return { status: 'paid' };
  if (p24Status === P24_STATUS.advance) return 'verify';
  if (local?.refusal) return local.refusal;
  if (local?.cancelled) return { status: 'cancelled', reason: 'payment_cancelled' };
  if (local?.kind === 'blik') {
    if (local.confirmBy !== undefined && now >= local.confirmBy) {
      return { status: 'timeout', reason: 'blik_timeout' };
    }
    return { status: 'awaiting_confirmation' };
  }
  if (local?.kind === 'pbl' || local?.kind === 'card' || local?.kind === 'bnpl')
    return { status: 'redirect' };
  return { status: 'pending' };
}
