/**
 * Drawing one synthetic shopper: layout, device, channel, basket, delivery and payment choices, and the
 * form fields each section asks them for.
 */
import type { ErrorCode, FieldName, PaymentKind, ShippingKind } from '@kasa/core';
import { between, pickWeighted, type Random, standardNormal } from './random.ts';
import type { ChannelShare, FormSection, LayoutBehaviour, SimulationConfig } from './simulate-config.ts';
import type { Device } from './types.ts';

export const FORM_SECTIONS: readonly FormSection[] = ['contact', 'delivery', 'payment', 'review'];
export const SHIPPING_PRICE: Readonly<Record<ShippingKind, number>> = {
  locker: 1299,
  courier: 1799,
  pickup: 999,
};
/** The validation error a field shows; 'required' for the rest. */
export const ERROR_CODE: Readonly<Partial<Record<FieldName, ErrorCode>>> = {
  email: 'email_invalid',
  phone: 'phone_invalid',
  postcode: 'postcode_invalid',
  nip: 'nip_checksum',
  blikCode: 'blik_code_format',
  pickupPoint: 'pickup_point_required',
};

type Utm = { readonly source: string; readonly medium?: string; readonly campaign?: string };
export interface Shopper {
  readonly layout: string;
  readonly behaviour: LayoutBehaviour;
  readonly device: Device;
  readonly firstTouch: Utm | undefined;
  readonly lastTouch: Utm | undefined;
  readonly shipping: ShippingKind;
  readonly method: PaymentKind;
  readonly invoice: boolean;
  readonly items: { readonly item_id: string; readonly quantity: number; readonly price: number }[];
  readonly itemsTotal: number;
}

const entries = <K extends string>(mix: Readonly<Partial<Record<K, number>>>) =>
  Object.entries(mix) as [K, number][];
const utm = ({ source, medium, campaign }: ChannelShare): Utm | undefined =>
  source ? { source, ...(medium ? { medium } : {}), ...(campaign ? { campaign } : {}) } : undefined;

/**
 * A function drawing shoppers from `config`; the weighted lists are built once, not per shopper.
 * `layout` sets the layout instead of drawing it (when a server's experiment assigned it); a name
 * the simulation does not configure gets the first layout's behaviour.
 *
 * @example
 * const draw = shopperFactory(resolveSimulation());
 * draw(seededRandom(1)).method; // one of 'blik', 'pbl', 'card', 'bnpl', 'cod'
 * draw(seededRandom(1), 'multi-step').behaviour; // the multi-step layout's behaviour
 */
export function shopperFactory(config: SimulationConfig): (random: Random, layout?: string) => Shopper {
  const layouts = config.layouts.map((l) => [l, l.weight] as const);
  const channels = config.channelMix.map((c) => [utm(c), c.weight] as const);
  const devices = entries(config.deviceMix);
  const shippings = entries(config.shippingMix);
  const methods = entries(config.paymentMix);
  const { median, spread } = config.orderValue;
  return (random, assigned) => {
    const drawn = pickWeighted(random, layouts);
    const configured = config.layouts.find((l) => l.name === assigned) ?? config.layouts[0] ?? drawn;
    const layout = assigned === undefined ? drawn : { name: assigned, behaviour: configured.behaviour };
    const firstTouch = pickWeighted(random, channels);
    const lastTouch = random() < config.lastTouchSwitchRate ? pickWeighted(random, channels) : firstTouch;
    const total = Math.max(500, Math.round(Math.exp(Math.log(median) + spread * standardNormal(random))));
    const count = between(random, 1, 3);
    const each = Math.floor(total / count);
    const items = Array.from({ length: count }, (_, k) => ({
      item_id: `sku-${between(random, 1, 400)}`,
      quantity: 1,
      price: k === 0 ? total - each * (count - 1) : each,
    }));
    return {
      layout: layout.name,
      behaviour: layout.behaviour,
      device: pickWeighted(random, devices),
      firstTouch,
      lastTouch,
      shipping: pickWeighted(random, shippings),
      method: pickWeighted(random, methods),
      invoice: random() < config.invoiceRate,
      items,
      itemsTotal: total,
    };
  };
}

/** The fields a shopper fills in a section, in screen order. */
export function fieldsOf(section: FormSection, shopper: Shopper): readonly FieldName[] {
  switch (section) {
    case 'contact':
      return ['email', 'phone', 'firstName', 'lastName'];
    case 'delivery':
      return shopper.shipping === 'courier'
        ? ['shippingOption', 'street', 'buildingNumber', 'postcode', 'city']
        : ['shippingOption', 'pickupPoint'];
    case 'payment':
      return [
        'paymentMethod',
        ...(shopper.invoice ? (['companyName', 'nip'] as const) : []),
        ...(shopper.method === 'blik' ? (['blikCode'] as const) : []),
      ];
    case 'review':
      return ['terms'];
  }
}
