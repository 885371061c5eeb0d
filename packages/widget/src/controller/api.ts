/**
 * The checkout API as the widget calls it. Every refusal becomes an ApiError with the stable error
 * code, the field it is about and the per-field issues, so the form can show each where it belongs.
 */
import {
  type CheckoutView,
  type ErrorCode,
  isErrorCode,
  type Money,
  type PaymentView,
  type PickupPoint,
} from '@kasa/core';
import type { SavePart } from './bodies.ts';
import type { ErrorTarget } from './types.ts';

export interface ApiIssue {
  readonly field: string;
  readonly code: ErrorCode;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** HTTP status; 0 when the network failed. */
    readonly status: number,
    readonly field?: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

function toApiError(status: number, json: unknown): ApiError {
  const error = asRecord(asRecord(json).error);
  const code = typeof error.code === 'string' && isErrorCode(error.code) ? error.code : 'internal';
  const raw = asRecord(error.details).issues;
  const issues = (Array.isArray(raw) ? raw : []).flatMap((item): ApiIssue[] => {
    const { field, code: issueCode } = asRecord(item);
    return typeof field === 'string' && typeof issueCode === 'string' && isErrorCode(issueCode)
      ? [{ field, code: issueCode }]
      : [];
  });
  return new ApiError(code, status, typeof error.field === 'string' ? error.field : undefined, issues);
}

export type PointQuery = { readonly postcode: string } | { readonly q: string };

/** `locale` is read at each call: the shopper may switch the language while the checkout is open. */
export function createApi(base: string, locale: () => 'pl' | 'en', fetchImpl: typeof fetch) {
  const root = base.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': locale(),
      ...extra,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(root + path, {
        method,
        headers,
        credentials: 'omit',
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError('upstream_unavailable', 0);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw toApiError(response.status, json);
    return json as T;
  }

  const checkout = (id: string, suffix = '') => `/api/checkouts/${encodeURIComponent(id)}${suffix}`;
  const payment = (id: string, paymentId: string, suffix = '') =>
    checkout(id, `/payments/${encodeURIComponent(paymentId)}${suffix}`);

  return {
    create: (cartRef: string) => call<CheckoutView>('POST', '/api/checkouts', { cartRef, locale: locale() }),
    get: (id: string) => call<CheckoutView>('GET', checkout(id)),
    save: (id: string, part: SavePart, body: unknown) =>
      call<CheckoutView>('PUT', checkout(id, `/${part}`), body),
    /** The same key for every press, so a retry, a reload or a double tap never makes a second order. */
    placeOrder: (id: string) =>
      call<CheckoutView>('POST', checkout(id, '/order'), undefined, { 'Idempotency-Key': `order-${id}` }),
    startPayment: (id: string, body: { blikCode?: string; returnUrl?: string; processorConsent?: true }) =>
      call<PaymentView>('POST', checkout(id, '/payments'), body),
    payment: (id: string, paymentId: string) => call<PaymentView>('GET', payment(id, paymentId)),
    cancelPayment: (id: string, paymentId: string) =>
      call<PaymentView>('POST', payment(id, paymentId, '/cancel')),
    points: (query: PointQuery) =>
      call<{ points: PickupPoint[]; stale?: unknown }>(
        'GET',
        `/api/pickup-points?${new URLSearchParams({ ...query, limit: '10' })}`,
      ),
    paymentEventsUrl: (id: string, paymentId: string) => root + payment(id, paymentId, '/events'),
    /** Shopify mode A: the Shopify cart built from this checkout, and where its checkout is. */
    shopifyCheckout: (id: string) =>
      call<{ checkoutUrl: string; delivery: { price: Money }; shippingPriceChanged: boolean }>(
        'POST',
        checkout(id, '/shopify-checkout'),
      ),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Where an API field error belongs in the form. */
export function targetOfApiField(field: string): ErrorTarget | undefined {
  const path = field.replace(/^(delivery|body)\./, '');
  if (['email', 'phone', 'firstName', 'lastName', 'blikCode'].includes(path)) return path as 'email';
  if (/^address\.(street|buildingNumber|flatNumber|postcode|city)$/.test(path)) return path as 'address.city';
  if (path === 'address') return 'address.buildingNumber';
  if (path === 'company.nip' || path === 'nip') return 'invoice.nip';
  if (path === 'company.name') return 'invoice.companyName';
  const billing = /^company\.address\.(street|buildingNumber|flatNumber|postcode|city)$/.exec(path)?.[1];
  if (billing) return `invoice.${billing}` as ErrorTarget;
  if (path === 'company.address') return 'invoice.buildingNumber';
  if (path === 'pickupPointId') return 'pickupPoint';
  if (path === 'optionId') return 'shippingOption';
  if (path === 'paymentMethodId' || path === 'methodId') return 'paymentMethod';
  if (path === 'terms' || path === 'consents.terms') return 'consents.terms';
  if (path === 'processorConsent') return 'consents.processor';
  return undefined;
}
