/** @jsxRuntime automatic @jsxImportSource react */
import { chosenMethod } from '../controller/rules.ts';
import type { Step, WidgetState } from '../controller/types.ts';
import { BlikField } from './BlikField.tsx';
import { Contact } from './Contact.tsx';
import { useUi } from './context.ts';
import { Delivery } from './Delivery.tsx';
import { Final } from './Final.tsx';
import { Invoice } from './Invoice.tsx';
import { Review } from './later.ts';
import { Payment } from './Payment.tsx';
import { Steps } from './Steps.tsx';

/** Every section at once, top to bottom. */
export function OnePage({ state }: { readonly state: WidgetState }) {
  return (
    <>
      <Contact state={state} />
      <Delivery state={state} />
      <Invoice state={state} />
      <Payment state={state} withBlikField />
      <Final state={state} />
    </>
  );
}

/**
 * The same sections in three steps: contact & delivery → payment → summary. The BLIK code is asked
 * on the last step, right before the button, so the code's two minutes are not spent on the review.
 */
export function MultiStep({ state }: { readonly state: WidgetState }) {
  const { t, controller } = useUi();
  const { step } = state;
  const go = (to: Step) => () => controller.goToStep(to);
  const blik = chosenMethod(state)?.kind === 'blik';
  const back = step > 1 && (
    <button type="button" class="kasa-button kasa-button--secondary" onClick={go((step - 1) as Step)}>
      {t.back}
    </button>
  );
  return (
    <>
      <Steps step={step} locked={state.checkout.orderPlaced} />
      <h2 class="kasa-step-heading" tabIndex={-1} data-step-heading="">
        <span class="kasa-visually-hidden">{t.stepOf(step, 3)}: </span>
        {t.stepNames[step - 1]}
      </h2>
      {step === 1 && (
        <>
          <Contact state={state} />
          <Delivery state={state} />
        </>
      )}
      {step === 2 && (
        <>
          <Invoice state={state} />
          <Payment state={state} withBlikField={false} />
        </>
      )}
      {step === 3 && (
        <>
          {/* Back before the review: under "Kupuję i płacę" it would be the last thing the shopper reads. */}
          <div class="kasa-nav">{back}</div>
          <Review state={state} />
          {blik && <BlikField state={state} onEnter={() => void controller.placeOrderAndPay()} />}
          <Final state={state} />
        </>
      )}
      {step < 3 && (
        <div class="kasa-nav">
          {back}
          <button type="button" class="kasa-button" onClick={go((step + 1) as Step)}>
            {t.next}
          </button>
        </div>
      )}
    </>
  );
}
