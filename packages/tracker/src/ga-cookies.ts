import { GA_CLIENT_ID, GA_SESSION_ID } from '@kasa/core';
import type { Consent } from './types.ts';

/** GA4's context of an event, in the collector's shape. */
export type GaContext = {
  clientId: string;
  sessionId?: string;
  adUserData: Consent['ad_user_data'];
  adPersonalization: Consent['ad_personalization'];
};

/**
 * The shopper's GA4 client id from `_ga` (`GA1.1.<random>.<seconds>` → `<random>.<seconds>`) and
 * session id from the first `_ga_<stream>` cookie (`GS1.1.<session>.…` or `GS2.1.s<session>$o…`),
 * with the ad signals of `consent`; undefined without a valid `_ga`. Call it only with analytics
 * consent: the caller decides, this only reads.
 *
 * @example gaContext('_ga=GA1.1.123.1767225600', consent); // { clientId: '123.1767225600', … }
 */
export function gaContext(cookies: string | undefined, consent: Consent): GaContext | undefined {
  let clientId: string | undefined;
  let sessionId: string | undefined;
  for (const pair of cookies?.split(/; */) ?? []) {
    const client = /^_ga=GA\d\.\d+\.(.+)$/.exec(pair)?.[1];
    const session = /^_ga_\w+=GS\d\.\d+\.s?(\d+)/.exec(pair)?.[1];
    if (client && GA_CLIENT_ID.test(client)) clientId = client;
    if (session && !sessionId && GA_SESSION_ID.test(session)) sessionId = session;
  }
  return clientId
    ? {
        clientId,
        ...(sessionId ? { sessionId } : {}),
        adUserData: consent.ad_user_data,
        adPersonalization: consent.ad_personalization,
      }
    : undefined;
}
