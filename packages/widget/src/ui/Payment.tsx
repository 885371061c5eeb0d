/** @jsxRuntime automatic @jsxImportSource react */
import type { PaymentMethod } from '@kasa/core';
import type { ComponentChildren } from 'preact';
import { chosenMethod } from '../controller/rules.ts';
import type { WidgetConfig, WidgetState } from '../controller/types.ts';
import { BlikField } from './BlikField.tsx';
import { Choice, ChoiceGroup } from './Choice.tsx';
import { useUi } from './context.ts';
import { Checkbox, Heading } from './fields.tsx';
import { memoSection } from './memo-section.ts';

type PaymentNotice = NonNullable<PaymentMethod['processorNotice']>;

const isBlik = (method: PaymentMethod) => method.kind === 'blik';

/**
 * BLIK first: the most used online payment in Poland (and a BLIK Level 0 recommendation); or, to
 * test that, BLIK among the others ('blik-among-others'): the provider's order, except that BLIK never
 * leads (every provider here lists it first), so it comes after the first other method.
 *
 * @example paymentOrder([blik, card, transfer], 'blik-among-others'); // [card, blik, transfer]
 */
export const paymentOrder = (
  methods: readonly PaymentMethod[],
  order: WidgetConfig['paymentOrder'],
): PaymentMethod[] => {
  const blikFirst = [...methods].sort((a, b) => Number(isBlik(b)) - Number(isBlik(a)));
  if (order !== 'blik-among-others') return blikFirst;
  const leader = methods.find((method) => !isBlik(method));
  return leader ? [leader, ...methods.filter((method) => method !== leader)] : [...methods];
};

/** BLIK is always written in capitals, whatever the provider calls it. */
export const methodLabel = (method: PaymentMethod | undefined): string =>
  method?.kind === 'blik' ? method.label.replace(/blik/gi, 'BLIK') : (method?.label ?? '');

/** The BLIK mark (a stand-in for the brand-book logo) and the provider's label, BLIK in capitals. */
function BlikTitle({ label }: { readonly label: string }) {
  if (label.trim() === 'BLIK') return <span class="kasa-blik-mark">BLIK</span>;
  return (
    <>
      <span class="kasa-blik-mark" aria-hidden="true">
        BLIK
      </span>{' '}
      {label}
    </>
  );
}

/** `text` with the first occurrence of each link's label as that link. */
const linked = (text: string, links: PaymentNotice['links'] = []) =>
  links.reduce<ComponentChildren[]>(
    (parts, { label, url }) =>
      parts.flatMap((part) => {
        const at = typeof part === 'string' ? part.indexOf(label) : -1;
        if (typeof part !== 'string' || at < 0) return [part];
        return [
          part.slice(0, at),
          <a href={url} target="_blank" rel="noopener">
            {label}
          </a>,
          part.slice(at + label.length),
        ];
      }),
    [text],
  );

/**
 * What the provider must tell the payer before paying (PayU: who processes the payment and the
 * payment data), for the chosen method; its terms linked when given. A notice that requires consent
 * (Przelewy24's terms) is an unticked checkbox like the shop's terms, which the shopper must tick.
 */
function ProcessorNotice({ state }: { readonly state: WidgetState }) {
  const { t } = useUi();
  const notice = chosenMethod(state)?.processorNotice;
  if (!notice) return null;
  const text = (
    <>
      {linked(notice.text, notice.links)}
      {notice.termsUrl && (
        <>
          {' '}
          <a href={notice.termsUrl} target="_blank" rel="noopener">
            {t.paymentTerms}
          </a>
        </>
      )}
    </>
  );
  return notice.requiresConsent ? (
    <Checkbox state={state} path="consents.processor" required>
      {text}
    </Checkbox>
  ) : (
    <p class="kasa-hint">{text}</p>
  );
}

/** Payment methods; in one-page the BLIK field sits right under the BLIK choice. */
function PaymentSection({
  state,
  withBlikField,
}: {
  readonly state: WidgetState;
  readonly withBlikField: boolean;
}) {
  const { t, controller, money, name } = useUi();
  return (
    <section class="kasa-section" aria-labelledby="kasa-payment-h">
      <Heading id="kasa-payment-h">{t.payment}</Heading>
      <ChoiceGroup state={state} name="paymentMethod" legend={t.paymentMethods}>
        {paymentOrder(state.view.paymentMethods, controller.config.paymentOrder).map((method) => (
          <Choice
            key={method.id}
            state={state}
            name="paymentMethod"
            value={method.id}
            checked={method.id === state.paymentMethodId}
            onChoose={() => controller.choosePaymentMethod(method.id)}
            title={method.kind === 'blik' ? <BlikTitle label={methodLabel(method)} /> : name(method.label)}
            amount={method.fee && method.fee.amount > 0 ? t.fee(money(method.fee)) : undefined}
          >
            {withBlikField && method.kind === 'blik' && (
              <BlikField state={state} onEnter={() => void controller.placeOrderAndPay()} />
            )}
          </Choice>
        ))}
      </ChoiceGroup>
      <ProcessorNotice state={state} />
    </section>
  );
}

export const Payment = memoSection(PaymentSection, (state) => [
  state.paymentMethodId,
  state.view.paymentMethods,
  state.blik,
  state.payment,
  state.form.blikCode,
  state.form['consents.processor'],
]);
