/** @jsxRuntime automatic @jsxImportSource react */
import type { PaymentNotice } from '../controller/types.ts';
import { useUi } from './context.ts';
import { rareWords } from './rare-words.ts';

/**
 * What became of a payment, with the order number and what to do next. A decline is a problem; a
 * payment left unfinished at the bank, or cancelled by the shopper, is news, said in a neutral box.
 */
export function BankNotice({ notice, number }: { readonly notice: PaymentNotice; readonly number: string }) {
  const { t, locale } = useUi();
  const words = rareWords[locale];
  return notice !== 'payment_declined' ? (
    <p class="kasa-info">
      {(notice === 'blik_cancelled' ? words.blikCancelled : words.paymentUnfinished)(number)}
    </p>
  ) : (
    <p>
      <strong>{t.problem}: </strong>
      {words.paymentDeclined(number)}
    </p>
  );
}
