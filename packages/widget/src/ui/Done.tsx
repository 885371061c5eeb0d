/** @jsxRuntime automatic @jsxImportSource react */
import type { Address } from '@kasa/core';
import type { WidgetState } from '../controller/types.ts';
import { useErrorText, useUi } from './context.ts';
import { methodLabel } from './Payment.tsx';
import { pointAddress } from './PointPicker.tsx';
import { rareWords } from './rare-words.ts';
import { Lines } from './Summary.tsx';
import { useFocusOnMount } from './Waiting.tsx';

const addressText = (a: Address) =>
  `${[a.street, a.buildingNumber].filter(Boolean).join(' ')}${a.flatNumber ? `/${a.flatNumber}` : ''}, ${a.postcode} ${a.city}`;

/**
 * The thank-you view: the order number, what was bought, where it goes (the locker by its id, address
 * and description) and how it was paid, as the server holds them. An account is offered only now,
 * after the order, never before it.
 */
export function Done({ state, focus }: { readonly state: WidgetState; readonly focus: boolean }) {
  const { controller, locale, t: words, money, name } = useUi();
  const t = rareWords[locale];
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const { accountUrl } = controller.config;
  const { view } = state;
  const { delivery } = view;
  const cod = view.status === 'cash_on_delivery';
  const unconfirmed = !cod && state.payment?.reason === 'order_unconfirmed';
  const unconfirmedText = useErrorText(unconfirmed ? 'order_unconfirmed' : undefined);
  const option = view.shippingOptions.find((o) => o.id === delivery?.optionId);
  const point = delivery?.pickupPoint;
  const where = point
    ? [`${point.id}, ${pointAddress(point)}`, point.description].filter(Boolean).join(' · ')
    : delivery?.address && addressText(delivery.address);
  const method = view.paymentMethods.find((m) => m.id === view.paymentMethodId);
  const rows: [string, string][] = [
    [words.delivery, [option && name(option.name), where].filter(Boolean).join(': ')],
    [words.payment, name(methodLabel(method))],
    [words.total, money(view.order?.total ?? view.totals.total)],
  ];
  return (
    <section class="kasa-section kasa-done" aria-labelledby="kasa-done-h">
      <h2 id="kasa-done-h" tabIndex={-1} ref={heading}>
        {t.thanks(view.order?.number ?? '')}
      </h2>
      <p>{cod ? t.cod : unconfirmed ? unconfirmedText : t.paid}</p>
      <dl class="kasa-review kasa-recap">
        <div>
          <dt>{words.subtotal}</dt>
          <dd>
            <Lines state={state} />
          </dd>
        </div>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {accountUrl && (
        <p class="kasa-account">
          <a class="kasa-button kasa-button--secondary" href={accountUrl}>
            {t.account}
          </a>{' '}
          <span class="kasa-hint">{t.accountHint}</span>
        </p>
      )}
    </section>
  );
}
