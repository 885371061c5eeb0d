/** @jsxRuntime automatic @jsxImportSource react */
import { shownTotals } from '../controller/shown-totals.ts';
import type { WidgetState } from '../controller/types.ts';
import { CostRows } from './CostRows.tsx';
import { useUi } from './context.ts';
import { memoSection } from './memo-section.ts';

/** Lines and every cost, from the server's totals; a sidebar on wide screens, a block below on phones. */
function SummarySection({ state }: { readonly state: WidgetState }) {
  const { t, money } = useUi();
  const { cart } = state.view;
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
      <CostRows state={state} subtotal />
      <p class="kasa-muted">{t.vatIncluded(money(shownTotals(state).vat))}</p>
    </aside>
  );
}

export const Summary = memoSection(SummarySection, (state) => [state.view, state.shippingOptionId]);
