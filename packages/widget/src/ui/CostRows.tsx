/** @jsxRuntime automatic @jsxImportSource react */
import { shownTotals } from '../controller/shown-totals.ts';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';

/** Delivery, payment fee (when there is one) and the total with VAT; the goods subtotal on request. */
export function CostRows({ state, subtotal }: { readonly state: WidgetState; readonly subtotal?: boolean }) {
  const { t, money } = useUi();
  const { totals } = state.view;
  const shown = shownTotals(state);
  return (
    <dl class="kasa-totals">
      {subtotal && (
        <div>
          <dt>{t.subtotal}</dt>
          <dd>{money(totals.subtotal)}</dd>
        </div>
      )}
      <div>
        <dt>{t.shipping}</dt>
        <dd>{!shown.shipping ? '–' : shown.shipping.amount ? money(shown.shipping) : t.free}</dd>
      </div>
      {totals.paymentFee.amount > 0 && (
        <div>
          <dt>{t.paymentFee}</dt>
          <dd>{money(totals.paymentFee)}</dd>
        </div>
      )}
      <div class="kasa-total">
        <dt>{t.total}</dt>
        <dd>{money(shown.total)}</dd>
      </div>
    </dl>
  );
}
