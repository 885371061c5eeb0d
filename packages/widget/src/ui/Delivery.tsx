/** @jsxRuntime automatic @jsxImportSource react */
import type { ShippingOption } from '@kasa/core';
import { chosenShipping } from '../controller/rules.ts';
import type { WidgetState } from '../controller/types.ts';
import { Address } from './Address.tsx';
import { Choice, ChoiceGroup } from './Choice.tsx';
import { useUi } from './context.ts';
import { Heading } from './fields.tsx';
import { PointPicker } from './PointPicker.tsx';

/** InPost lockers first (what most Polish shoppers pick), then the shop's order. */
export const deliveryOrder = (options: readonly ShippingOption[]): ShippingOption[] => {
  const rank = (o: ShippingOption) => (o.kind === 'locker' && o.carrier.toLowerCase() === 'inpost' ? 0 : 1);
  return [...options].sort((a, b) => rank(a) - rank(b));
};

export function Delivery({ state }: { readonly state: WidgetState }) {
  const { t, controller, money, name } = useUi();
  const locked = state.checkout.orderPlaced;
  const kind = chosenShipping(state)?.kind;
  return (
    <section class="kasa-section" aria-labelledby="kasa-delivery-h">
      <Heading id="kasa-delivery-h">{t.delivery}</Heading>
      <ChoiceGroup state={state} name="shippingOption" legend={t.shippingOptions}>
        {deliveryOrder(state.view.shippingOptions).map((option) => (
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
