import type { MissingPart } from './checkout-rules.ts';
import type { Money } from './money.ts';
import type {
  Address,
  Cart,
  Company,
  Consents,
  Contact,
  PaymentKind,
  PaymentMethod,
  PaymentStatusValue,
  PickupPoint,
  ShippingOption,
  Totals,
} from './schemas.ts';

/**
 * The checkout API's answers, shared by the server that builds them and the widget that reads them.
 * Prices in them are authoritative: computed by the server from the storefront.
 */
export type CheckoutStatus = 'open' | 'awaiting_payment' | 'paid' | 'cash_on_delivery' | 'cancelled';

export interface PaymentView {
  readonly id: string;
  readonly method: PaymentKind;
  readonly status: PaymentStatusValue;
  readonly reason?: string;
  /** BLIK: when the bank-app confirmation window closes (epoch ms). */
  readonly confirmBy?: number;
  readonly redirectUrl?: string;
}

export interface CheckoutView {
  readonly id: string;
  readonly locale: 'pl' | 'en';
  readonly status: CheckoutStatus;
  readonly cart: Cart;
  readonly totals: Totals;
  readonly shippingOptions: ShippingOption[];
  readonly paymentMethods: PaymentMethod[];
  readonly contact?: Contact;
  readonly delivery?: { optionId: string; pickupPoint?: PickupPoint; address?: Address };
  readonly company?: Company;
  readonly consents: Consents;
  readonly paymentMethodId?: string;
  readonly order?: { id: string; number: string; total: Money };
  readonly payment?: PaymentView;
  readonly missing: MissingPart[];
}

/** Final payment statuses: nothing changes after them. */
/* Here rather than beside the zod schemas, so browser code can use it without bundling zod. */
export const FINAL_PAYMENT_STATUSES: ReadonlySet<PaymentStatusValue> = new Set([
  'paid',
  'rejected',
  'expired',
  'timeout',
  'cancelled',
  'failed',
]);
