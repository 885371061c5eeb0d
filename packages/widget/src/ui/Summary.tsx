/** @jsxRuntime automatic @jsxImportSource react */
import { shownTotals } from '../controller/shown-totals.ts';
import type { WidgetState } from '../controller/types.ts';
import { CostRows } from './CostRows.tsx';
import { useUi } from './context.ts';
import { memoSection } from './memo-section.ts';

/** What is in the cart: each line with its quantity and price. */
export function Lines({ state }: { readonly state: WidgetState }) {
  const { t, money } = useUi();
  return (
    <ul class="kasa-lines">
      {state.view.cart.lines.map((line) => (
        <li key={line.id}>
          <span class="kasa-line-name">
            {line.name} <span class="kasa-muted">{t.quantity(line.quantity)}</span>
          </span>
          <span class="kasa-price">{money(line.total)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Lines and every cost, from the server's totals; a sidebar on wide screens, a block below on phones. */
function SummarySection({ state }: { readonly state: WidgetState }) {
  const { t, money } = useUi();
  return (
    <aside class="kasa-summary" aria-labelledby="kasa-summary-h">
      <h2 id="kasa-summary-h">{t.summary}</h2>
      <Lines state={state} />
      <CostRows state={state} subtotal />
      <p class="kasa-muted">{t.vatIncluded(money(shownTotals(state).vat))}</p>
    </aside>
  );
}

export const Summary = memoSection(SummarySection, (state) => [state.view, state.shippingOptionId]);
