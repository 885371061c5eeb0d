/**
 * One shopper's checkout page onwards, as the widget would drive the API: its first events, the form
 * as the simulation fills it (an API call where a section is done, a bad value where a field goes
 * wrong), the order, and the planned payment attempts.
 */
import {
  type CheckoutEvent,
  type CheckoutView,
  checkoutAmount,
  checkoutItems,
  type ErrorCode,
  eventToken,
  isErrorCode,
  type PaymentMethod,
} from '@kasa/core';
import { type BrowserSession, expectStatus, success, UnexpectedAnswer } from './browser-session.ts';
import type { DriveTally } from './drive-shoppers.ts';
import { type PayingShopper, pay, plannedPayments } from './sandbox-payment.ts';
import type { CheckoutPage } from './shop-pages.ts';
import { badRequest, type ShopperDetails } from './shopper-data.ts';

const PAYMENT_EVENTS = new Set(['blik_code_submitted', 'payment_failed', 'purchase']);

/** The field's own code in a refusal (`body_invalid` names each field's in `details.issues`). */
function refusedCode(body: unknown): ErrorCode | undefined {
  const error = (body as { error?: { code?: string; details?: { issues?: { code?: string }[] } } }).error;
  const code = error?.details?.issues?.[0]?.code ?? error?.code ?? '';
  return isErrorCode(code) ? code : undefined;
}

/** What one shopper's checkout needs: their browser, their tracker and their dice. */
export interface ShopperKit extends PayingShopper {
  readonly track: (name: CheckoutEvent['name'], params: unknown, id?: string) => void;
  readonly details: ShopperDetails;
  readonly tally: DriveTally;
}

/**
 * The checkout page onwards: the widget's first events, the form as the plan fills it (API calls
 * where a section is done or a field goes wrong), the order, and payment attempts as planned.
 */
export async function checkOut(
  page: CheckoutPage,
  plan: readonly CheckoutEvent[],
  kind: PaymentMethod['kind'],
  invoice: boolean,
  kit: ShopperKit,
) {
  const { browser, track, details, tally } = kit;
  const base = `${page.api}/api/checkouts/${encodeURIComponent(page.checkoutId)}`;
  let view = page.view;
  const put = async (part: string, body: unknown) => {
    const answer = await browser.kasa<CheckoutView>('PUT', `${base}/${part}`, body);
    view = expectStatus(answer, success, `saving ${part}`).body;
    return view;
  };
  const option = (wanted: string) =>
    view.shippingOptions.find((o) => o.kind === wanted) ?? view.shippingOptions[0];
  const courierId = () => option('courier')?.id ?? '';

  track('begin_checkout', { ...checkoutAmount(view), items: checkoutItems(view), layout: page.layout });
  for (const [experiment, variation] of Object.entries(page.experiments ?? {})) {
    track('experiment_exposure', { experiment, variation });
  }
  const form = plan.slice(plan.findIndex((e) => e.name === 'experiment_exposure') + 1);
  const paying = form.findIndex((e) => PAYMENT_EVENTS.has(e.name));
  let method: PaymentMethod | undefined;
  for (const event of paying < 0 ? form : form.slice(0, paying)) {
    switch (event.name) {
      case 'checkout_step_view':
        if (event.params.section === 'delivery') await put('contact', details.contact);
        track(event.name, { ...event.params, layout: page.layout });
        break;
      case 'field_error': {
        const bad = badRequest(event.params.field, details, courierId());
        let code = event.params.code;
        if (bad) {
          tally.fieldErrors.sent += 1;
          const answer = await browser.kasa('PUT', `${base}/${bad.part}`, bad.body);
          if (answer.status < 400 || answer.status >= 500) {
            throw new UnexpectedAnswer(`a bad ${event.params.field} was answered ${answer.status}`);
          }
          tally.fieldErrors.refused += 1;
          const refused = refusedCode(answer.body);
          if (refused) code = refused;
        }
        track(event.name, { ...event.params, code });
        break;
      }
      case 'add_shipping_info': {
        const chosen = option(event.params.shipping_kind);
        if (!chosen) throw new UnexpectedAnswer('the checkout offers no shipping');
        await put('delivery', await deliveryBody(chosen, details, base, browser));
        const params = {
          ...checkoutAmount(view),
          shipping_tier: eventToken(chosen.id),
          shipping_kind: chosen.kind,
        };
        track(event.name, params);
        break;
      }
      case 'add_payment_info':
        if (invoice) await put('invoice', { company: details.company });
        method = view.paymentMethods.find((m) => m.kind === kind) ?? view.paymentMethods[0];
        if (!method) throw new UnexpectedAnswer('the checkout offers no payment method');
        await put('payment-method', { methodId: method.id });
        track(event.name, { ...checkoutAmount(view), payment_type: method.kind });
        break;
      default:
        track(event.name, event.params);
    }
  }
  if (paying < 0 || !method) return; // left before paying (checkout_abandon was tracked)

  await put('consents', { terms: true, marketingEmail: false, marketingSms: false });
  const placed = await browser.kasa<CheckoutView>('POST', `${base}/order`, undefined, {
    'idempotency-key': `sim-${page.checkoutId}`,
  });
  expectStatus(placed, success, 'placing the order');
  tally.orders += 1;
  // Purchases and failed payments are not tracked: the server records them from the payment itself.
  if (method.kind === 'cod') {
    tally.cashOnDelivery += 1;
    return;
  }
  const outcomes = plannedPayments(form.slice(paying));
  for (const [i, planned] of outcomes.entries()) {
    if (method.kind === 'blik') track('blik_code_submitted', { attempt: i + 1 });
    const result = await pay(base, method, planned, kit);
    if (result.status === 'paid') {
      tally.paid += 1;
      // The widget shows the paid checkout.
      expectStatus(await browser.kasa<CheckoutView>('GET', base), success, 'reading the checkout');
      return;
    }
    const reason: ErrorCode = result.reason && isErrorCode(result.reason) ? result.reason : 'payment_failed';
    tally.failedPayments[reason] = (tally.failedPayments[reason] ?? 0) + 1;
  }
  track('checkout_abandon', { section: 'failed', last_field: 'paymentMethod' });
}

/** Delivery for a shipping option: a locker near the shopper's town, or their address. */
async function deliveryBody(
  option: CheckoutView['shippingOptions'][number],
  details: ShopperDetails,
  checkoutUrl: string,
  browser: BrowserSession,
) {
  if (option.kind === 'courier') return { optionId: option.id, address: details.address };
  if (option.kind !== 'locker') return { optionId: option.id };
  const search = new URL('/api/pickup-points', checkoutUrl);
  search.search = new URLSearchParams({ postcode: details.address.postcode, limit: '5' }).toString();
  const found = expectStatus(
    await browser.kasa<{ points: { id: string }[] }>('GET', search.toString()),
    success,
    'finding lockers',
  );
  const point = found.body.points[0];
  if (!point) throw new UnexpectedAnswer(`no locker near ${details.address.postcode}`);
  return { optionId: option.id, pickupPointId: point.id };
}
