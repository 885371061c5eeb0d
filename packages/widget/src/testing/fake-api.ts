/**
 * An in-memory stand-in for the Kasa checkout API, as a `fetch`, for controller and UI tests. It
 * records every call and behaves like the sandbox: BLIK 777xxx is approved after one status check,
 * 500500 is declined in the bank app, 700701 is refused as expired at once, 999xxx is never answered.
 */
import { type Address, type CheckoutView, canChange, type PaymentView } from '@kasa/core';
import { changedBy, type SavePart } from '../controller/bodies.ts';
import { makeView, points } from './view.ts';

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

interface Attempt extends PaymentView {
  checks: number;
  readonly code?: string;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refuse = (status: number, code: string, field?: string, issues?: { field: string; code: string }[]) =>
  json(
    {
      error: { code, message: code, ...(field ? { field } : {}), ...(issues ? { details: { issues } } : {}) },
    },
    status,
  );

export function fakeApi(start: CheckoutView = makeView(), clock: () => number = () => 1_700_000_000_000) {
  const calls: Call[] = [];
  const attempts = new Map<string, Attempt>();
  let view = start;
  let ordersCreated = 0;

  const priced = (next: CheckoutView): CheckoutView => {
    const shipping = next.shippingOptions.find((o) => o.id === next.delivery?.optionId)?.price.amount ?? 0;
    const fee = next.paymentMethods.find((m) => m.id === next.paymentMethodId)?.fee?.amount ?? 0;
    const pln = (amount: number) => ({ amount, currency: 'PLN' });
    return {
      ...next,
      totals: {
        ...next.totals,
        shipping: pln(shipping),
        paymentFee: pln(fee),
        total: pln(next.totals.subtotal.amount + shipping + fee),
      },
    };
  };
  const answer = (attempt: Attempt): PaymentView => {
    const { checks: _checks, code: _code, ...payment } = attempt;
    return payment;
  };
  const settle = (attempt: Attempt, status: PaymentView['status'], reason?: string) => {
    Object.assign(attempt, { status, ...(reason ? { reason } : {}) });
    if (status === 'paid') view = { ...view, status: 'paid' };
    view = { ...view, payment: answer(attempt) };
  };

  function put(part: SavePart, body: Record<string, unknown>): Response {
    if (!canChange(changedBy(part), view.status)) return refuse(409, 'checkout_locked');
    if (part === 'contact') view = { ...view, contact: body as never };
    if (part === 'consents') view = { ...view, consents: body as never };
    if (part === 'payment-method') view = { ...view, paymentMethodId: String(body.methodId) };
    if (part === 'invoice') {
      const company = body.company as { nip: string; name: string } | null;
      if (company?.nip === '5260250274')
        return refuse(422, 'body_invalid', undefined, [{ field: 'company.nip', code: 'nip_checksum' }]);
      const { company: _old, ...rest } = view;
      view = company ? { ...rest, company } : rest;
    }
    if (part === 'delivery') {
      const option = view.shippingOptions.find((o) => o.id === body.optionId);
      if (!option) return refuse(422, 'shipping_option_unavailable', 'delivery.optionId');
      const point = points.find((p) => p.id === body.pickupPointId);
      if (option.kind === 'locker' && !point)
        return refuse(422, 'pickup_point_not_found', 'delivery.pickupPointId');
      const address = body.address ? { ...(body.address as Address), country: 'PL' as const } : undefined;
      view = {
        ...view,
        delivery: {
          optionId: option.id,
          ...(point ? { pickupPoint: point } : {}),
          ...(address ? { address } : {}),
        },
      };
    }
    view = priced(view);
    return json(view);
  }

  function startPayment(body: { blikCode?: string }): Response {
    if (!view.order) return refuse(422, 'checkout_incomplete');
    const method = view.paymentMethods.find((m) => m.id === view.paymentMethodId);
    const id = `pay_${attempts.size + 1}`;
    if (method?.kind === 'blik') {
      if (!/^\d{6}$/.test(body.blikCode ?? '')) return refuse(422, 'blik_code_format', 'blikCode');
      const attempt: Attempt = {
        id,
        method: 'blik',
        status: 'awaiting_confirmation',
        confirmBy: clock() + 60_000,
        checks: 0,
        code: body.blikCode,
      };
      attempts.set(id, attempt);
      if (body.blikCode === '700701') settle(attempt, 'expired', 'blik_code_expired');
      else settle(attempt, 'awaiting_confirmation');
      return json(answer(attempt), 201);
    }
    const attempt: Attempt = {
      id,
      method: method?.kind ?? 'pbl',
      status: 'redirect',
      redirectUrl: 'https://pay.example/p/1',
      checks: 0,
    };
    attempts.set(id, attempt);
    return json(answer(attempt), 201);
  }

  function check(attempt: Attempt): Response {
    attempt.checks += 1;
    if (attempt.status === 'awaiting_confirmation' && attempt.checks >= 1) {
      // 777900: the money is taken, the shop has not confirmed the order yet (see `orderOutcome`).
      if (attempt.code === '777900') {
        Object.assign(attempt, { status: 'paid', reason: 'order_unconfirmed' });
        view = { ...view, payment: answer(attempt) };
      } else if (attempt.code?.startsWith('777')) settle(attempt, 'paid');
      if (attempt.code === '500500') settle(attempt, 'rejected', 'blik_code_rejected');
    }
    return json(answer(attempt));
  }

  async function fetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(
      [...new Headers(init.headers).entries()].map(([k, v]) => [k.toLowerCase(), v]),
    );
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, headers, body });
    const [, , resource, , part, paymentId, action] = url.pathname.split('/');
    if (resource === 'pickup-points') return json({ points });
    if (method === 'POST' && !part) return json(view, 201);
    if (method === 'GET' && !part) return json(view);
    if (method === 'PUT' && part) return put(part as SavePart, body as Record<string, unknown>);
    if (part === 'order') {
      if (!headers['idempotency-key']) return refuse(400, 'body_invalid');
      if (!view.order) {
        ordersCreated += 1;
        const cod = view.paymentMethods.find((m) => m.id === view.paymentMethodId)?.kind === 'cod';
        view = {
          ...view,
          order: { id: 'ord_1', number: '1001', total: view.totals.total },
          status: cod ? 'cash_on_delivery' : 'awaiting_payment',
        };
      }
      return json(view);
    }
    if (part === 'payments' && !paymentId) return startPayment(body as { blikCode?: string });
    const attempt = attempts.get(paymentId ?? '');
    if (!attempt) return refuse(404, 'payment_not_found');
    if (action === 'cancel') {
      // 777xxx: the bank approved just before the cancel arrived, so the cancel comes too late.
      if (attempt.status === 'awaiting_confirmation' && attempt.code?.startsWith('777'))
        settle(attempt, 'paid');
      if (attempt.status === 'awaiting_confirmation') settle(attempt, 'cancelled', 'payment_cancelled');
      return json(answer(attempt));
    }
    return check(attempt);
  }

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    get view() {
      return view;
    },
    get ordersCreated() {
      return ordersCreated;
    },
    attempts,
    /** What became of an order left unconfirmed (777900): confirmed by the shop, or the payment refunded. */
    orderOutcome(paymentId: string, outcome: 'confirmed' | 'refunded') {
      const attempt = attempts.get(paymentId);
      if (!attempt) throw new Error(`no attempt ${paymentId}`);
      const { reason: _reason, ...rest } = attempt;
      attempts.set(paymentId, {
        ...rest,
        ...(outcome === 'refunded' ? { status: 'cancelled', reason: 'payment_refunded' } : {}),
      });
      const next = attempts.get(paymentId) as Attempt;
      view = { ...view, status: outcome === 'confirmed' ? 'paid' : 'cancelled', payment: answer(next) };
    },
    /** Calls to a path suffix, e.g. `'/payments'`. */
    callsTo: (method: string, suffix: string) =>
      calls.filter((c) => c.method === method && c.path.endsWith(suffix)),
  };
}
