/**
 * Synthetic shoppers: a seeded, streaming generator of checkout events, one checkout at a time, for
 * `kasa simulate`, benchmarks and statistical tests. Every event is marked `simulated: true`.
 */
import type { CheckoutEvent, ErrorCode, FieldName, Section } from '@kasa/core';
import { between, type Random, seededRandom } from './random.ts';
import {
  ERROR_CODE,
  FORM_SECTIONS,
  fieldsOf,
  SHIPPING_PRICE,
  type Shopper,
  shopperFactory,
} from './shopper.ts';
import { resolveSimulation, type SimulationConfig, type SimulationInput } from './simulate-config.ts';

type EventName = CheckoutEvent['name'];
type ParamsOf<N extends EventName> = Extract<CheckoutEvent, { name: N }>['params'];
type Emit = <N extends EventName>(name: N, params: ParamsOf<N>, afterMs: number) => void;
const MAX_ATTEMPTS = 3;

/** Walks the form sections; returns false when the shopper leaves (after emitting checkout_abandon). */
function fillForm(shopper: Shopper, config: SimulationConfig, random: Random, emit: Emit): boolean {
  const { behaviour, layout } = shopper;
  const value = shopper.itemsTotal + SHIPPING_PRICE[shopper.shipping];
  let lastField: FieldName | undefined;
  const leave = (section: Section) => {
    emit(
      'checkout_abandon',
      { section, ...(lastField ? { last_field: lastField } : {}) },
      between(random, 5_000, 120_000),
    );
    return false;
  };
  for (const section of FORM_SECTIONS) {
    emit('checkout_step_view', { section, layout }, between(random, 500, 3_000));
    const fields = fieldsOf(section, shopper);
    // Leaving is drawn up front, so a shopper who leaves does so at a random field of the section.
    const leaveAt = random() < behaviour.dropOff[section] ? between(random, 0, fields.length) : -1;
    for (const [f, field] of fields.entries()) {
      if (f === leaveAt) return leave(section);
      lastField = field;
      if (random() < (behaviour.fieldErrorRates[field] ?? 0)) {
        emit(
          'field_error',
          { field, section, code: ERROR_CODE[field] ?? 'required' },
          between(random, 2_000, 15_000),
        );
        if (random() < (behaviour.leaveAfterErrorByField[field] ?? behaviour.leaveAfterError))
          return leave(section);
      }
      emit('field_blur', { field, section, filled: true }, between(random, 2_000, 20_000));
    }
    if (leaveAt === fields.length) return leave(section);
    const money = { value, currency: config.currency };
    if (section === 'delivery') {
      const tier = `${shopper.shipping}-std`;
      emit('add_shipping_info', { ...money, shipping_tier: tier, shipping_kind: shopper.shipping }, 500);
    }
    if (section === 'payment') emit('add_payment_info', { ...money, payment_type: shopper.method }, 500);
  }
  return true;
}

/** Pays, retrying after failures; ends with a purchase or with checkout_abandon in section 'failed'. */
function pay(shopper: Shopper, config: SimulationConfig, random: Random, emit: Emit, orderId: string): void {
  const { behaviour, method } = shopper;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const x = random();
    let reason: ErrorCode | null = null;
    if (method === 'blik') {
      emit('blik_code_submitted', { attempt }, between(random, 1_000, 5_000));
      if (x < behaviour.blikRejectionRate) reason = 'blik_code_rejected';
      else if (x < behaviour.blikRejectionRate + behaviour.blikTimeoutRate) reason = 'blik_timeout';
    } else if (method !== 'cod' && x < behaviour.paymentFailureRate) reason = 'payment_failed';
    if (reason === null) {
      const shipping = SHIPPING_PRICE[shopper.shipping];
      const value = shopper.itemsTotal + shipping;
      const tax = Math.round((value * 23) / 123);
      const { items } = shopper;
      const purchase = { value, currency: config.currency, transaction_id: orderId, shipping, tax, items };
      emit('purchase', { ...purchase, payment_type: method }, between(random, 5_000, 60_000));
      return;
    }
    emit('payment_failed', { payment_type: method, reason }, between(random, 5_000, 60_000));
    if (attempt === MAX_ATTEMPTS || random() >= behaviour.retryRate) {
      emit(
        'checkout_abandon',
        { section: 'failed', last_field: 'paymentMethod' },
        between(random, 5_000, 120_000),
      );
      return;
    }
  }
}

/** Where one simulated checkout happens: its id, when its cart is viewed, and a layout a server chose. */
export interface CheckoutSetting {
  readonly checkoutId: string;
  /** The cart is viewed within the minute after this (epoch ms). */
  readonly startTs: number;
  /** The layout the shopper is shown; drawn from the simulation's weights when absent. */
  readonly layout?: string;
}

/**
 * One simulated checkout: the shopper drawn and the events of their visit, in time order. `draw` is
 * `shopperFactory(config)`, made once for many checkouts.
 *
 * @example
 * const config = resolveSimulation({ seed: 3 });
 * simulateCheckout(config, seededRandom(3), shopperFactory(config), { checkoutId: 'chk_1', startTs: Date.now(), layout: 'multi-step' });
 * // { shopper: { layout: 'multi-step', method: 'blik', … }, events: [view_cart, begin_checkout, …] }
 */
export function simulateCheckout(
  config: SimulationConfig,
  random: Random,
  draw: ReturnType<typeof shopperFactory>,
  setting: CheckoutSetting,
): { shopper: Shopper; events: CheckoutEvent[] } {
  const { checkoutId } = setting;
  const shopper = draw(random, setting.layout);
  const experiments = { [config.experimentKey]: shopper.layout };
  const { device, firstTouch, lastTouch } = shopper;
  const { shopId } = config;
  const events: CheckoutEvent[] = [];
  let ts = setting.startTs + between(random, 0, 59_999);
  // A literal rather than a spread of a shared context: this runs for every one of millions of events.
  const emit: Emit = (name, params, afterMs) => {
    ts += afterMs;
    const id = `${checkoutId}-${events.length}`;
    const e: Record<string, unknown> = {
      id,
      ts,
      shopId,
      checkoutId,
      experiments,
      device,
      simulated: true,
      name,
      params,
    };
    if (firstTouch) e.firstTouch = firstTouch;
    if (lastTouch) e.lastTouch = lastTouch;
    events.push(e as CheckoutEvent);
  };
  const { items, itemsTotal, layout } = shopper;
  emit('view_cart', { value: itemsTotal, currency: config.currency, items }, 0);
  if (random() < config.beginRate) {
    emit(
      'begin_checkout',
      { value: itemsTotal, currency: config.currency, items, layout },
      between(random, 2_000, 30_000),
    );
    emit('experiment_exposure', { experiment: config.experimentKey, variation: layout }, 0);
    if (fillForm(shopper, config, random, emit)) pay(shopper, config, random, emit, `ord_${checkoutId}`);
  }
  return { shopper, events };
}

/**
 * Yields the events of each simulated checkout in turn (in time order within a checkout), so a million
 * checkouts stream through without being held in memory. The same input always yields the same events.
 * A checkout is a cart: `beginRate` of them go on from view_cart to begin_checkout.
 *
 * @example
 * for (const events of simulateCheckouts({ seed: 7, checkouts: 1_000_000 })) await store.append(events);
 * const summaries = [...simulateCheckouts({ checkouts: 500 })].map((events) => events.reduce<CheckoutSummary | undefined>(applyEvent, undefined));
 */
export function* simulateCheckouts(input: SimulationInput = {}): Generator<CheckoutEvent[], void, undefined> {
  const config = resolveSimulation(input);
  const random = seededRandom(config.seed);
  const draw = shopperFactory(config);
  const seedTag = (config.seed >>> 0).toString(36);
  for (let index = 0; index < config.checkouts; index++) {
    const checkoutId = `sim_${seedTag}_${index.toString(36)}`;
    const startTs = config.startTs + Math.floor((index * config.spanMs) / config.checkouts);
    yield simulateCheckout(config, random, draw, { checkoutId, startTs }).events;
  }
}
