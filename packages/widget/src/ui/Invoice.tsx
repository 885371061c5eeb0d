/** @jsxRuntime automatic @jsxImportSource react */

import { INVOICE_FIELDS } from '../controller/rules.ts';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { Checkbox, Heading } from './fields.tsx';
import { InvoiceDetails } from './later.ts';
import { memoSection } from './memo-section.ts';

/**
 * A company invoice needs the NIP before payment (a receipt without it cannot become a VAT invoice),
 * and the company's address, which starts as the delivery address when there is one.
 */
function InvoiceSection({ state }: { readonly state: WidgetState }) {
  const { t } = useUi();
  const locked = state.checkout.orderPlaced;
  return (
    <section class="kasa-section" aria-labelledby="kasa-invoice-h">
      <Heading id="kasa-invoice-h">{t.invoice}</Heading>
      <Checkbox state={state} path="invoice.wanted">
        {t.invoiceWanted}
      </Checkbox>
      {state.form['invoice.wanted'] && <InvoiceDetails state={state} locked={locked} />}
    </section>
  );
}

export const Invoice = memoSection(InvoiceSection, ({ form }) => [
  form['invoice.wanted'],
  ...INVOICE_FIELDS.map((path) => form[path]),
]);
