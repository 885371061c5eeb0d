/**
 * The per-checkout row that every metric reads: {@link CheckoutSummary} and the vocabulary it uses.
 */
import type { FieldName, PaymentKind, Section } from '@kasa/core';

/** Progress order of a checkout; `failed` counts as having reached `paying`. */
export const SECTION_ORDER = ['contact', 'delivery', 'payment', 'review', 'paying', 'paid'] as const;
export type ProgressSection = (typeof SECTION_ORDER)[number];
export type Device = 'mobile' | 'tablet' | 'desktop';
/** The experiment whose variation is the checkout layout. */
export const LAYOUT_EXPERIMENT = 'checkout-layout';

export interface Channel {
  readonly source: string;
  readonly medium: string;
  readonly campaign: string;
}
/** The channel of a visit without UTM parameters, as GA4 names it. */
export const DIRECT: Channel = { source: '(direct)', medium: '(none)', campaign: '(none)' };

export interface PaymentFailure {
  readonly method: PaymentKind;
  readonly reason: string;
  readonly ts: number;
}
/** When the value behind a field was seen, so a later-arriving older event cannot overwrite it. */
export interface Stamp {
  readonly ts: number;
  readonly id: string;
}
export type StampKey =
  | 'lastSection'
  | 'lastField'
  | 'firstTouch'
  | 'lastTouch'
  | 'layout'
  | 'chosen'
  | 'purchase'
  | 'abandon';

export interface CheckoutSummary {
  readonly shopId: string;
  readonly checkoutId: string;
  readonly firstTs: number;
  readonly lastTs: number;
  /** The furthest section reached; `paid` once purchased. Null when only cart events were seen. */
  readonly furthestSection: ProgressSection | null;
  readonly lastSection: Section | null;
  /** The last field blurred or failed validation. */
  readonly lastField: FieldName | null;
  /** `experiments['checkout-layout']`, else the `layout` param of begin_checkout/checkout_step_view. */
  readonly layout: string | null;
  readonly experiments: Readonly<Record<string, string>>;
  readonly device: Device | null;
  readonly firstTouch: Channel;
  readonly lastTouch: Channel;
  readonly viewedCart: boolean;
  readonly cartViewTs: number | null;
  /** True once any checkout event (anything but view_cart, remove_from_cart, experiment_exposure) is seen. */
  readonly beganCheckout: boolean;
  /** The earliest checkout event: begin_checkout when it arrived. */
  readonly beganTs: number | null;
  readonly purchased: boolean;
  /** The purchase `value` (order total with shipping and VAT) in minor units; 0 until purchased. */
  readonly revenue: number;
  readonly currency: string | null;
  readonly purchaseTs: number | null;
  /** purchaseTs − beganTs; null when nothing before the purchase was seen. */
  readonly timeToPurchaseMs: number | null;
  /** The purchase's payment_type. */
  readonly purchaseMethod: PaymentKind | null;
  /** The payment method of the latest add_payment_info. */
  readonly chosenMethod: PaymentKind | null;
  readonly fieldErrors: Readonly<Partial<Record<FieldName, number>>>;
  readonly fieldBlurs: number;
  /** The latest 20 failures, oldest first. */
  readonly paymentFailures: readonly PaymentFailure[];
  readonly blikSubmissions: number;
  /** From the latest checkout_abandon. */
  readonly abandonedAt: { readonly section: Section; readonly field: FieldName | null } | null;
  readonly simulated: boolean;
  readonly eventCount: number;
  readonly stamps: Readonly<Partial<Record<StampKey, Stamp>>>;
  /** Ids of the last 16 events applied; full de-duplication happens in the event store. */
  readonly recentIds: readonly string[];
}

/**
 * The field a shopper was at when leaving: the one checkout_abandon named, else the last touched.
 *
 * @example
 * leaveField({ ...summary, abandonedAt: { section: 'payment', field: 'nip' } }); // 'nip'
 */
export const leaveField = (s: CheckoutSummary): FieldName | null => s.abandonedAt?.field ?? s.lastField;

/** Rank in {@link SECTION_ORDER}; −1 for none. */
export const sectionRank = (section: Section | null): number =>
  section === null ? -1 : section === 'failed' ? 4 : SECTION_ORDER.indexOf(section);

/**
 * A summary with nothing seen yet but its first event's shop, checkout and time.
 *
 * @example
 * emptySummary('demo', 'chk_1', Date.UTC(2026, 0, 1)).furthestSection; // null
 */
export function emptySummary(shopId: string, checkoutId: string, ts: number): CheckoutSummary {
  return {
    shopId,
    checkoutId,
    firstTs: ts,
    lastTs: ts,
    furthestSection: null,
    lastSection: null,
    lastField: null,
    layout: null,
    experiments: {},
    device: null,
    firstTouch: DIRECT,
    lastTouch: DIRECT,
    viewedCart: false,
    cartViewTs: null,
    beganCheckout: false,
    beganTs: null,
    purchased: false,
    revenue: 0,
    currency: null,
    purchaseTs: null,
    timeToPurchaseMs: null,
    purchaseMethod: null,
    chosenMethod: null,
    fieldErrors: {},
    fieldBlurs: 0,
    paymentFailures: [],
    blikSubmissions: 0,
    abandonedAt: null,
    simulated: false,
    eventCount: 0,
    stamps: {},
    recentIds: [],
  };
}
