/** @jsxRuntime automatic @jsxImportSource react */
import type { WidgetState } from '../controller/types.ts';
import { Contact } from './Contact.tsx';
import { CostRows } from './CostRows.tsx';
import { useUi } from './context.ts';
import { Delivery } from './Delivery.tsx';
import { rareWords } from './rare-words.ts';

/**
 * Shopify mode A (`config.handoff`): Kasa asks contact and delivery (the locker picker included),
 * then "Przejdź do płatności" hands the shopper to the shop's checkout, which takes the payment.
 * No payment section, in either layout. Shopify's delivery price is shown when it differs. In the
 * later chunk (only Shopify stores in mode A show it; mount fetches it before hydrating for them).
 */
export function HandoffPage({ state }: { readonly state: WidgetState }) {
  const { t, controller, money, locale } = useUi();
  const w = rareWords[locale];
  const shopPrice = state.handoff?.deliveryPrice;
  return (
    <>
      <Contact state={state} />
      <Delivery state={state} />
      <div class="kasa-section kasa-final">
        <CostRows state={state} />
        {shopPrice && <p class="kasa-hint kasa-handoff-price">{w.shopDeliveryPrice(money(shopPrice))}</p>}
        <button
          type="button"
          class="kasa-button kasa-pay"
          aria-describedby="kasa-pay-note"
          aria-disabled={state.busy ? 'true' : undefined}
          onClick={() => void controller.handOff()}
        >
          {w.toShopPayment}
        </button>
        <p id="kasa-pay-note" class="kasa-hint">
          {w.toShopPaymentNote}
        </p>
        <p class="kasa-status" role="status">
          {state.busy ? t.redirecting : ''}
        </p>
      </div>
    </>
  );
}
