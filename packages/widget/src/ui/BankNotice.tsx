/** @jsxRuntime automatic @jsxImportSource react */
import type { Notice } from '../controller/types.ts';
import { useUi } from './context.ts';
import { rareWords } from './rare-words.ts';

/**
 * What became of a payment at the bank, with the order number and what to do next. A decline is a
 * problem; a payment left unfinished is news, said in a neutral box.
 */
export function BankNotice({
  notice,
  number,
}: {
  readonly notice: Extract<Notice, 'payment_declined' | 'payment_unfinished'>;
  readonly number: string;
}) {
  const { t, locale } = useUi();
  const words = rareWords[locale];
  return notice === 'payment_unfinished' ? (
    <p class="kasa-info">{words.paymentUnfinished(number)}</p>
  ) : (
    <p>
      <strong>{t.problem}: </strong>
      {words.paymentDeclined(number)}
    </p>
  );
}
