/** @jsxRuntime automatic @jsxImportSource react */
import { shownTotals } from '../controller/shown-totals.ts';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';

/** Lines and every cost, from the server's totals; a sidebar on wide screens, a block below on phones. */
export function Summary({ state }: { readonly state: WidgetState }) {
  const { t, money } = useUi();
  const { cart, totals } = state.view;
  const shown = shownTotals(state);
  const vat = totals.vat.reduce((sum, line) => sum + line.vat.amount, 0);
  return (
    <aside class="kasa-summary" aria-labelledby="kasa-summary-h">
      <h2 id="kasa-summary-h">{t.summary}</h2>
      <ul class="kasa-lines">
        {cart.lines.map((line) => (
          <li key={line.id}>
            <span class="kasa-line-name">
              {line.name} <span class="kasa-muted">{t.quantity(line.quantity)}</span>
            </span>
            <span>{money(line.total)}</span>
          </li>
        ))}
      </ul>
      <dl class="kasa-totals">
        <div>
          <dt>{t.subtotal}</dt>
          <dd>{money(totals.subtotal)}</dd>
        </div>
        <div>
          <dt>{t.shipping}</dt>
          <dd>{shown.shipping ? money(shown.shipping) : '–'}</dd>
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
      <p class="kasa-muted">{t.vatIncluded(money({ amount: vat, currency: totals.total.currency }))}</p>
    </aside>
  );
}
