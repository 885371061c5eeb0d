/** @jsxRuntime automatic @jsxImportSource react */
import type { WidgetState } from '../controller/types.ts';
import { CostRows } from './CostRows.tsx';
import { useUi } from './context.ts';
import { Checkbox } from './fields.tsx';
import { memoSection } from './memo-section.ts';

/**
 * Right before the button, as Polish law asks: delivery price and total with VAT, the consents
 * (terms only when the shop has them; marketing per channel, all unticked), then "Kupuję i płacę"
 * with a line saying this order means an obligation to pay.
 */
function FinalSection({ state }: { readonly state: WidgetState }) {
  const { t, controller } = useUi();
  const { termsUrl, privacyUrl } = controller.config;
  // Back from the bank, the open attempt is what the notice speaks of, not a redirect under way.
  const redirecting = state.payment?.status === 'redirect' && !state.notice;
  return (
    <div class="kasa-section kasa-final">
      <CostRows state={state} />
      <fieldset class="kasa-group kasa-consents">
        <legend class="kasa-visually-hidden">{t.consents}</legend>
        {termsUrl && (
          <Checkbox state={state} path="consents.terms" required>
            {t.terms}{' '}
            <a href={termsUrl} target="_blank" rel="noopener">
              {t.termsLink}
            </a>
          </Checkbox>
        )}
        <Checkbox state={state} path="consents.marketingEmail">
          {t.marketingEmail}
        </Checkbox>
        <Checkbox state={state} path="consents.marketingSms">
          {t.marketingSms}
        </Checkbox>
      </fieldset>
      <button
        type="button"
        class="kasa-button kasa-pay"
        aria-describedby="kasa-pay-note"
        aria-disabled={state.busy ? 'true' : undefined}
        onClick={() => void controller.placeOrderAndPay()}
      >
        {t.pay}
      </button>
      <p id="kasa-pay-note" class="kasa-hint">
        {t.payNote}
      </p>
      {privacyUrl && (
        <p class="kasa-hint">
          {t.privacy}{' '}
          <a href={privacyUrl} target="_blank" rel="noopener">
            {t.privacyLink}
          </a>
          .
        </p>
      )}
      <p class="kasa-status" role="status">
        {redirecting ? t.redirecting : state.busy ? t.working : ''}
      </p>
    </div>
  );
}

export const Final = memoSection(FinalSection, (state) => [
  state.view,
  state.shippingOptionId,
  state.payment,
  state.busy,
  state.notice,
  state.blik,
  state.form['consents.terms'],
  state.form['consents.marketingEmail'],
  state.form['consents.marketingSms'],
]);
