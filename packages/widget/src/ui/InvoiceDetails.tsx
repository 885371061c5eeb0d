/** @jsxRuntime automatic @jsxImportSource react */
import type { WidgetState } from '../controller/types.ts';
import { Address } from './Address.tsx';
import { useUi } from './context.ts';
import { TextField } from './fields.tsx';

/** What a company invoice asks once the shopper wants one: the NIP, the company's name and address. */
export function InvoiceDetails({ state, locked }: { readonly state: WidgetState; readonly locked: boolean }) {
  const { t } = useUi();
  return (
    <>
      <div class="kasa-row">
        <TextField
          state={state}
          path="invoice.nip"
          label={t.nip}
          autoComplete="on"
          inputMode="numeric"
          wide={false}
          readOnly={locked}
        />
        <TextField
          state={state}
          path="invoice.companyName"
          label={t.companyName}
          autoComplete="organization"
          readOnly={locked}
        />
      </div>
      <Address state={state} of="invoice" legend={t.invoiceAddress} />
    </>
  );
}
