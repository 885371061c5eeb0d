import type {
  BlikState,
  CheckoutEvent,
  CheckoutState,
  CheckoutView,
  ErrorCode,
  Money,
  PaymentView,
  PickupPoint,
} from '@kasa/core';

/** How a shop configures the widget (attributes of `<kasa-checkout>` or `mount` options). */
export interface WidgetConfig {
  /** Base URL of the Kasa API, e.g. `https://kasa.example.pl`. */
  readonly api: string;
  readonly layout: 'one-page' | 'multi-step';
  readonly locale: 'pl' | 'en';
  /** InPost Geowidget v5: loaded only when the locker option is chosen and a token is configured. */
  readonly geowidget?: { readonly token: string; readonly config?: string; readonly sandbox?: boolean };
  /** When set, a separate, unticked terms checkbox links here and must be ticked to order. */
  readonly termsUrl?: string;
  /** When set, the shop's privacy policy is linked beside the button. */
  readonly privacyUrl?: string;
  /** When set, the thank-you view offers "Załóż konto" linking here (only after the order). */
  readonly accountUrl?: string;
  /** 'blik-among-others' keeps the provider's order and chooses nothing; else BLIK first and chosen. */
  readonly paymentOrder?: 'blik-first' | 'blik-among-others';
  /** 'courier-first' puts couriers first; else InPost lockers first. Then the shop's order. */
  readonly deliveryOrder?: 'locker-first' | 'courier-first';
  /** The experiments the checkout is enrolled in (key → variation): each reports an exposure. */
  readonly experiments?: Readonly<Record<string, string>>;
  /**
   * Set by the server for a Shopify store in mode A: the widget asks contact and delivery only, and
   * its button hands the shopper to Shopify's checkout, which takes the payment.
   */
  readonly handoff?: 'shopify';
}

/** Form fields by path; the same names are the `name` attributes of the inputs. */
export type FieldPath =
  | 'email'
  | 'phone'
  | 'firstName'
  | 'lastName'
  | 'address.street'
  | 'address.buildingNumber'
  | 'address.flatNumber'
  | 'address.postcode'
  | 'address.city'
  | 'invoice.wanted'
  | 'invoice.nip'
  | 'invoice.companyName'
  | 'invoice.street'
  | 'invoice.buildingNumber'
  | 'invoice.flatNumber'
  | 'invoice.postcode'
  | 'invoice.city'
  | 'consents.terms'
  | 'consents.marketingEmail'
  | 'consents.marketingSms'
  | 'consents.remember'
  /** The payment processor's own consent, when the chosen method's notice requires one (P24). */
  | 'consents.processor'
  | 'pointQuery'
  | 'blikCode';

/** What the shopper has typed, exactly as typed (validated and normalised on blur and on submit). */
export type FormValues = {
  [P in FieldPath]: P extends `${string}.${'wanted' | 'terms' | 'marketingEmail' | 'marketingSms' | 'remember' | 'processor'}`
    ? boolean
    : string;
};

export type Step = 1 | 2 | 3;

/**
 * What the notice at the top says: an API refusal by its error code, or what became of a payment at
 * the bank, which the widget words itself with the order number and what to do next.
 */
export type Notice = ErrorCode | PaymentNotice;

/** What became of a payment, in the widget's own words (the later chunk's PaymentNotice). */
export type PaymentNotice = 'payment_declined' | 'payment_unfinished' | 'blik_cancelled';

/** Choices that are radio groups rather than typed fields; their radios carry these names. */
export type ChoiceField = 'shippingOption' | 'pickupPoint' | 'paymentMethod';

/** Anything an error can be shown on (and focus can be moved to). */
export type ErrorTarget = FieldPath | ChoiceField;

/** Values to put on top of the view's prefill: typed before hydration (read from the DOM) or restored from storage. */
export type RestoredValues = Partial<FormValues> & {
  readonly shippingOptionId?: string;
  readonly pickupPointId?: string;
  readonly paymentMethodId?: string;
  readonly step?: Step;
  readonly locale?: WidgetConfig['locale'];
};

export interface WidgetState {
  /** The server's view: lines, authoritative totals, options, order and payment. */
  readonly view: CheckoutView;
  /** The language shown: the shop's choice at first, the shopper's after the language switch. */
  readonly locale: WidgetConfig['locale'];
  readonly form: FormValues;
  readonly shippingOptionId?: string;
  readonly pickupPointId?: string;
  readonly paymentMethodId?: string;
  /** Field-level problems by path, as stable error codes (rendered through describeError). */
  readonly errors: Partial<Record<ErrorTarget, ErrorCode>>;
  /** A problem that belongs to no one field, or what became of a bank payment (shown at the top, announced). */
  readonly notice?: Notice;
  /** Multi-step only: 1 contact & delivery, 2 payment, 3 summary. One-page ignores it. */
  readonly step: Step;
  readonly points: {
    readonly query: string;
    readonly status: 'idle' | 'loading' | 'ready' | 'error';
    readonly items: PickupPoint[];
    /** The carrier did not answer: these are its last good answer (`stale` in the API's answer). */
    readonly stale?: boolean;
  };
  readonly blik: BlikState;
  readonly payment?: PaymentView;
  readonly busy: boolean;
  /** The core checkout machine: which section the shopper is in, whether the order exists, failed attempts. */
  readonly checkout: CheckoutState;
  /** Epoch ms of the last clock tick (drives the BLIK countdown). */
  readonly now: number;
  /**
   * Shopify mode A: the shop's checkout prices the delivery differently; shown, and the next press
   * goes there.
   */
  readonly handoff?: { readonly checkoutUrl: string; readonly deliveryPrice: Money };
  /** A request to move keyboard focus; `seq` changes on every request so the same target can be asked twice. */
  readonly focus?: { readonly target: ErrorTarget | 'notice' | 'heading'; readonly seq: number };
}

/** A checkout event as the widget emits it; the tracker adds the context (ids, time, consent, UTM). */
export type WidgetEvent = {
  [N in CheckoutEvent['name']]: {
    readonly name: N;
    readonly params: Extract<CheckoutEvent, { name: N }>['params'];
  };
}[CheckoutEvent['name']];

/** Who an event belongs to: what the tracker needs beside the event itself. */
export interface EventContext {
  readonly checkoutId: string;
  readonly experiments: Readonly<Record<string, string>>;
}

export type WidgetEventListener = (event: WidgetEvent, context: EventContext) => void;
