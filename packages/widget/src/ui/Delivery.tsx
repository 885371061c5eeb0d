/** @jsxRuntime automatic @jsxImportSource react */
import type { ShippingOption } from '@kasa/core';
import { chosenShipping } from '../controller/rules.ts';
import type { WidgetConfig, WidgetState } from '../controller/types.ts';
import { Choice, ChoiceGroup } from './Choice.tsx';
import { useUi } from './context.ts';
import { Heading } from './fields.tsx';
import { Address } from './later.ts';
import { PointPicker } from './PointPicker.tsx';

/**
 * InPost lockers first (what most Polish shoppers pick), or, to test that, couriers first
 * ('courier-first'); then the shop's order.
 */
export const deliveryOrder = (
  options: readonly ShippingOption[],
  order: WidgetConfig['deliveryOrder'],
): ShippingOption[] => {
  const first = (o: ShippingOption) =>
    order === 'courier-first'
      ? o.kind === 'courier'
      : o.kind === 'locker' && o.carrier.toLowerCase() === 'inpost';
  return [...options].sort((a, b) => Number(first(b)) - Number(first(a)));
};

export function Delivery({ state }: { readonly state: WidgetState }) {
  const { t, controller, money, name } = useUi();
  const locked = state.checkout.orderPlaced;
  const kind = chosenShipping(state)?.kind;
  return (
    <section class="kasa-section" aria-labelledby="kasa-delivery-h">
      <Heading id="kasa-delivery-h">{t.delivery}</Heading>
      <ChoiceGroup state={state} name="shippingOption" legend={t.shippingOptions}>
        {deliveryOrder(state.view.shippingOptions, controller.config.deliveryOrder).map((option) => (
          <Choice
            key={option.id}
            state={state}
            name="shippingOption"
            value={option.id}
            checked={option.id === state.shippingOptionId}
            disabled={locked && option.id !== state.shippingOptionId}
            onChoose={() => controller.chooseShipping(option.id)}
            title={name(option.name)}
            detail={t.eta(option.eta.minDays, option.eta.maxDays)}
            amount={option.price.amount === 0 ? t.free : money(option.price)}
          />
        ))}
      </ChoiceGroup>
      {/* Always rendered, shown on choice: the most common path then only flips `hidden`, and its
          code is already compiled when a shopper on a slow phone picks the locker. */}
      <div hidden={kind !== 'locker'}>
        <PointPicker state={state} shown={kind === 'locker'} />
      </div>
      {kind === 'courier' && <Address state={state} legend={t.address} />}
      {kind === 'pickup' && <p class="kasa-hint">{t.pickupInStore}</p>}
    </section>
  );
}
