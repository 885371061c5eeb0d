/**
 * What the synthetic shoppers do, and realistic defaults: about 70% of carts are abandoned, as in
 * Baymard's average, and the NIP field fails often enough to show up in the field report.
 */
import type { FieldName, PaymentKind, ShippingKind } from '@kasa/core';
import type { Device } from './types.ts';

/** Sections a shopper fills in before paying. */
export type FormSection = 'contact' | 'delivery' | 'payment' | 'review';

export interface LayoutBehaviour {
  /** Probability of leaving while in each section (at a random field of it). */
  readonly dropOff: Readonly<Record<FormSection, number>>;
  /** Probability that a field shows a validation error once. */
  readonly fieldErrorRates: Readonly<Partial<Record<FieldName, number>>>;
  /** Probability of leaving right after a validation error. */
  readonly leaveAfterError: number;
  /** Per-field overrides of `leaveAfterError`, e.g. a NIP rejected as invalid that the shopper cannot fix. */
  readonly leaveAfterErrorByField: Readonly<Partial<Record<FieldName, number>>>;
  /** Probability that a submitted BLIK code is rejected (`blik_code_rejected`). */
  readonly blikRejectionRate: number;
  /** Probability that a BLIK payment is not confirmed in time (`blik_timeout`). */
  readonly blikTimeoutRate: number;
  /** Failure rate of pay-by-link, card and BNPL payments (`payment_failed`); cash on delivery never fails. */
  readonly paymentFailureRate: number;
  /** Probability of trying again after a failed payment (at most 3 attempts). */
  readonly retryRate: number;
}

export interface ChannelShare {
  /** Absent for direct visits (no UTM). */
  readonly source?: string;
  readonly medium?: string;
  readonly campaign?: string;
  readonly weight: number;
}

export interface SimulationConfig {
  readonly seed: number;
  /** Carts to simulate; `beginRate` of them begin checkout. */
  readonly checkouts: number;
  readonly shopId: string;
  /** When the first cart is viewed (epoch ms); carts are spread evenly over `spanMs`. */
  readonly startTs: number;
  readonly spanMs: number;
  /** The experiment key under which the layout is recorded. */
  readonly experimentKey: string;
  readonly layouts: readonly {
    readonly name: string;
    readonly weight: number;
    readonly behaviour: LayoutBehaviour;
  }[];
  /** Share of carts that begin checkout. */
  readonly beginRate: number;
  /** Share of shoppers who ask for a company invoice (company name and NIP fields). */
  readonly invoiceRate: number;
  /** Share of shoppers whose last touch differs from their first. */
  readonly lastTouchSwitchRate: number;
  readonly paymentMix: Readonly<Partial<Record<PaymentKind, number>>>;
  readonly shippingMix: Readonly<Partial<Record<ShippingKind, number>>>;
  readonly channelMix: readonly ChannelShare[];
  readonly deviceMix: Readonly<Partial<Record<Device, number>>>;
  /** Log-normal order value: median in minor units and the spread (σ of its logarithm). */
  readonly orderValue: { readonly median: number; readonly spread: number };
  readonly currency: string;
}

/** What a simulation accepts: any setting, and layouts whose behaviour overrides the default in part. */
export type SimulationInput = Partial<Omit<SimulationConfig, 'layouts'>> & {
  readonly layouts?: readonly {
    readonly name: string;
    readonly weight?: number;
    readonly behaviour?: Partial<Omit<LayoutBehaviour, 'dropOff'>> & {
      readonly dropOff?: Partial<LayoutBehaviour['dropOff']>;
    };
  }[];
};

export const DEFAULT_BEHAVIOUR: LayoutBehaviour = {
  dropOff: { contact: 0.2, delivery: 0.12, payment: 0.1, review: 0.04 },
  fieldErrorRates: {
    email: 0.06,
    phone: 0.08,
    postcode: 0.05,
    street: 0.02,
    buildingNumber: 0.03,
    pickupPoint: 0.04,
    nip: 0.25,
    companyName: 0.03,
    blikCode: 0.04,
    terms: 0.05,
  },
  leaveAfterError: 0.15,
  leaveAfterErrorByField: { nip: 0.6 },
  blikRejectionRate: 0.05,
  blikTimeoutRate: 0.03,
  paymentFailureRate: 0.03,
  retryRate: 0.6,
};

export const DEFAULT_SIMULATION: SimulationConfig = {
  seed: 1,
  checkouts: 1000,
  shopId: 'demo',
  startTs: Date.UTC(2026, 0, 1),
  spanMs: 28 * 24 * 3_600_000,
  experimentKey: 'checkout-layout',
  layouts: [
    { name: 'one-page', weight: 1, behaviour: DEFAULT_BEHAVIOUR },
    { name: 'multi-step', weight: 1, behaviour: DEFAULT_BEHAVIOUR },
  ],
  beginRate: 0.5,
  invoiceRate: 0.12,
  lastTouchSwitchRate: 0.2,
  paymentMix: { blik: 0.6, pbl: 0.2, card: 0.12, bnpl: 0.04, cod: 0.04 },
  shippingMix: { locker: 0.65, courier: 0.3, pickup: 0.05 },
  channelMix: [
    { weight: 0.3 },
    { source: 'google', medium: 'cpc', campaign: 'zima-2026', weight: 0.25 },
    { source: 'google', medium: 'organic', weight: 0.2 },
    { source: 'facebook', medium: 'paid_social', campaign: 'retargeting', weight: 0.15 },
    { source: 'newsletter', medium: 'email', campaign: 'styczen', weight: 0.1 },
  ],
  deviceMix: { mobile: 0.7, desktop: 0.26, tablet: 0.04 },
  orderValue: { median: 18_900, spread: 0.6 },
  currency: 'PLN',
};

/**
 * Fills a simulation input with the defaults.
 *
 * @example
 * resolveSimulation({ checkouts: 10, layouts: [{ name: 'one-page' }, { name: 'multi-step', behaviour: { dropOff: { contact: 0.12 } } }] });
 */
export function resolveSimulation(input: SimulationInput = {}): SimulationConfig {
  const layouts = (input.layouts ?? DEFAULT_SIMULATION.layouts).map(
    ({ name, weight = 1, behaviour = {} }) => ({
      name,
      weight,
      behaviour: {
        ...DEFAULT_BEHAVIOUR,
        ...behaviour,
        dropOff: { ...DEFAULT_BEHAVIOUR.dropOff, ...behaviour.dropOff },
      },
    }),
  );
  if (!layouts.length || !layouts.some((l) => l.weight > 0)) {
    throw new RangeError('a simulation needs at least one layout with a positive weight');
  }
  return { ...DEFAULT_SIMULATION, ...input, layouts };
}
