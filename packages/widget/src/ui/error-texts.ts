/**
 * Core's Polish error texts come in a chunk of their own (English ones travel with the English
 * words), fetched once the form is in use (mount.ts), so the bundle before interaction stays within
 * its weight budget. Most shoppers make their first mistake well after that; an error shown before
 * the texts are here is shown once they are (useErrorText), never as a blank or a raw code. A page
 * that opens on an error waits for them before hydrating, so the server's markup is taken over,
 * never redrawn.
 */
import type { ErrorCode } from '@kasa/core';
import type { Notice, PaymentNotice, WidgetState } from '../controller/types.ts';

export type ErrorTexts = Readonly<Record<ErrorCode, string>>;

let polish: ErrorTexts | undefined;
let loading: Promise<unknown> | undefined;

/** The Polish texts, when they are here. */
export const polishErrorTexts = (): ErrorTexts | undefined => polish;

/** Fetches the Polish texts (once; a failed fetch is tried again the next time they are asked for). */
export const loadErrorTexts = (): Promise<unknown> =>
  (loading ??= import('./errors-pl.ts').then(
    (module) => {
      polish = module.errorTexts;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));

/** Puts the Polish texts in place at once (the server renderer and tests import them directly). */
export const provideErrorTexts = (texts: ErrorTexts): void => {
  polish = texts;
};

/** What became of a bank payment is told in the widget's own words (BankNotice), not an error text. */
export const isPaymentNotice = (notice: Notice | undefined): notice is PaymentNotice =>
  notice === 'payment_declined' || notice === 'payment_unfinished' || notice === 'blik_cancelled';

/**
 * Whether a view shows an error text: a field's error, a notice with an error code, or the thanks
 * for an order the shop has yet to confirm.
 */
export const needsErrorTexts = (state: WidgetState): boolean =>
  Object.keys(state.errors).length > 0 ||
  (state.notice !== undefined && !isPaymentNotice(state.notice)) ||
  state.payment?.reason === 'order_unconfirmed';
