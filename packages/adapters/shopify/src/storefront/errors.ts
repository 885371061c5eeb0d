import { type ErrorCode, KasaError } from '@kasa/core';
import {
  GraphqlQueryError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpRetriableError,
} from '@shopify/shopify-api';
import type { CartUserError } from './schemas.ts';

/**
 * Shopify's CartErrorCodes that Kasa can name in its own words; every other user error is
 * `platform_rejected` with Shopify's code and message in `details`.
 */
const KASA_CODE_OF: Readonly<Record<string, ErrorCode>> = {
  INVALID_DELIVERY_OPTION: 'shipping_option_unavailable',
  INVALID_DELIVERY_GROUP: 'shipping_option_unavailable',
  INVALID_ZIP_CODE_FOR_COUNTRY: 'postcode_invalid',
  INVALID_ZIP_CODE_FOR_PROVINCE: 'postcode_invalid',
  ZIP_CODE_NOT_SUPPORTED: 'postcode_invalid',
};

/**
 * The Kasa error for the first of a mutation's `userErrors`: a missing cart is `cart_not_found`, a
 * refused delivery option `shipping_option_unavailable`, a postcode Shopify refuses
 * `postcode_invalid`, anything else `platform_rejected`. Shopify's code, field path and message
 * stay in `details` (they name fields, never the shopper's values).
 *
 * @example
 * userErrorToKasa('cartSelectedDeliveryOptionsUpdate', [
 *   { code: 'INVALID_DELIVERY_OPTION', field: ['selectedDeliveryOptions', '0'], message: 'Delivery option was not valid.' },
 * ]).code; // 'shipping_option_unavailable'
 */
export function userErrorToKasa(operation: string, errors: readonly CartUserError[]): KasaError {
  const first = errors[0];
  const field = first?.field ?? [];
  const platformCode = first?.code ?? null;
  const code: ErrorCode =
    field[0] === 'cartId'
      ? 'cart_not_found'
      : ((platformCode ? KASA_CODE_OF[platformCode] : undefined) ?? 'platform_rejected');
  return new KasaError(code, {
    details: {
      platform: 'shopify',
      api: 'storefront',
      operation,
      platformCode,
      platformField: field.join('.'),
      platformMessage: first?.message ?? '',
      userErrors: errors.map((e) => ({
        code: e.code ?? null,
        field: (e.field ?? []).join('.'),
        message: e.message,
      })),
    },
  });
}

/**
 * The Kasa error for a failure the library threw: no answer, 5xx or throttling after its retries →
 * `platform_unavailable`; 401/403 → `platform_auth_failed` (the Storefront token); a GraphQL error
 * on a 200 → `platform_version_unsupported` (a field the API version does not have); other 4xx →
 * `platform_rejected`.
 *
 * @example
 * libraryErrorToKasa('cart', error).code; // 'platform_auth_failed' for a 401
 */
export function libraryErrorToKasa(operation: string, error: unknown): KasaError {
  if (error instanceof KasaError) return error;
  const details = { platform: 'shopify', api: 'storefront', operation };
  if (
    error instanceof HttpMaxRetriesError ||
    error instanceof HttpRetriableError ||
    error instanceof HttpRequestError
  ) {
    return new KasaError('platform_unavailable', { cause: error, details });
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    if (status === 401 || status === 403) {
      return new KasaError('platform_auth_failed', {
        cause: error,
        details: {
          ...details,
          status,
          hint: 'Check store.storefrontAccessToken: a private Storefront token of the shop with the unauthenticated cart scopes.',
        },
      });
    }
    return new KasaError('platform_rejected', { cause: error, details: { ...details, status } });
  }
  if (error instanceof GraphqlQueryError) {
    return new KasaError('platform_version_unsupported', {
      cause: error,
      details: {
        ...details,
        issue: error.message,
        hint: 'The Storefront API refused Kasa’s query; check store.apiVersion (a supported version such as 2026-04).',
      },
    });
  }
  return new KasaError('platform_unavailable', {
    cause: error,
    details: { ...details, issue: String(error) },
  });
}
