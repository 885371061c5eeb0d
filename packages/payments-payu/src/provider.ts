import type {
  PaymentAttempt,
  PaymentProvider,
  PaymentStatus,
  Refund,
  RefundRequest,
  StartPayment,
} from '@kasa/core';
import { BLIK_APPROVAL_WINDOW_MS, KasaError, normaliseBlikCode } from '@kasa/core';
import { verifyPayuNotification } from '@kasa/payments';
import { z } from 'zod';
import { createPayuClient, type PayuAnswer, type PayuClient, payuStatusSchema } from './client.ts';
import type { PayuConfig } from './config.ts';
import { PAYU_PROVIDER_ID, payuMethods } from './methods.ts';
import { mapPayuOrder, type PayuOrder, payuOrdersAnswerSchema, payuTransactionsSchema } from './status.ts';

export interface PayuProviderOptions {
  readonly config: PayuConfig;
  readonly fetch?: typeof fetch;
  /** The clock for token expiry and BLIK windows; tests share one with the fake. */
  readonly now?: () => number;
}

const ORDERS = '/api/v2_1/orders';

const createAnswerSchema = z.object({
  status: payuStatusSchema,
  orderId: z.string().min(1).optional(),
  redirectUri: z.string().optional(),
});

const refundSchema = z.object({ refundId: z.string().min(1), extRefundId: z.string().optional() });
const refundAnswerSchema = z.object({ refund: refundSchema });
const refundListSchema = z.object({ refunds: z.array(refundSchema) });

/** One refund per attempt: its id at PayU follows from the order's. */
export const extRefundIdOf = (orderId: string) => `kasa-refund-${orderId}`;

function unexpected(call: string, answer: PayuAnswer, cause?: unknown): KasaError {
  const parsed = z.object({ status: payuStatusSchema }).safeParse(answer.body);
  return new KasaError('payment_failed', {
    cause,
    details: {
      provider: 'payu',
      call,
      status: answer.status,
      ...(parsed.success ? { statusCode: parsed.data.status.statusCode } : {}),
    },
  });
}

/** An answer the client could not read is a lost answer: safe to retry, like no answer at all. */
function unreadable(call: string, cause: unknown): KasaError {
  return new KasaError('upstream_unavailable', {
    cause,
    details: { provider: 'payu', call, reason: 'answer_unreadable' },
  });
}

function statusCodeOf(answer: PayuAnswer): string | undefined {
  const parsed = z.object({ status: payuStatusSchema }).safeParse(answer.body);
  return parsed.success ? parsed.data.status.statusCode : undefined;
}

/**
 * The PayU provider (REST v2.1) behind core's PaymentProvider port. `extOrderId` is Kasa's attempt
 * id, so an attempt whose answer was lost is found again (`statusByAttemptId`) and a repeated start
 * does not make a second order; nothing is kept in memory but the OAuth token. A notification is
 * only read (signature over the raw body with the second key); the server confirms it with `status`.
 *
 * @example
 * const payu = createPayuProvider({ config: payuConfigSchema.parse(settings) });
 * const attempt = await payu.start({ ...input, blikCode: '777123' }); // awaiting_confirmation
 */
export function createPayuProvider(options: PayuProviderOptions): PaymentProvider {
  const { config } = options;
  const now = options.now ?? Date.now;
  const client: PayuClient = createPayuClient({
    config,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    now,
  });

  async function transactionsOf(orderId: string) {
    const answer = await client.request('GET', `${ORDERS}/${encodeURIComponent(orderId)}/transactions`);
    if (answer.status !== 200) return undefined;
    return payuTransactionsSchema.safeParse(answer.body).data?.transactions[0];
  }

  async function toStatus(order: PayuOrder): Promise<PaymentStatus> {
    // PayU ends every failure as CANCELED; the reason is on the transaction.
    const transaction = order.status === 'CANCELED' ? await transactionsOf(order.orderId) : undefined;
    const mapped = mapPayuOrder(order, transaction?.resultCode, transaction?.paymentFlow);
    return { providerRef: order.orderId, ...mapped };
  }

  async function readOrders(path: string, call: string): Promise<PayuOrder[] | undefined> {
    const answer = await client.request('GET', path);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw unexpected(call, answer);
    const parsed = payuOrdersAnswerSchema.safeParse(answer.body);
    if (!parsed.success) throw unreadable(call, parsed.error);
    return parsed.data.orders;
  }

  async function orderById(orderId: string): Promise<PayuOrder | undefined> {
    return (await readOrders(`${ORDERS}/${encodeURIComponent(orderId)}`, 'order'))?.[0];
  }

  async function orderByAttempt(attemptId: string): Promise<PayuOrder | undefined> {
    const orders = await readOrders(`${ORDERS}/ext/${encodeURIComponent(attemptId)}`, 'order_by_ext');
    // One order per extOrderId is what Kasa makes; should PayU list more, the paid one is the truth.
    return orders?.find((o) => o.status === 'COMPLETED') ?? orders?.at(-1);
  }

  async function status(providerRef: string): Promise<PaymentStatus | undefined> {
    const order = await orderById(providerRef);
    return order && toStatus(order);
  }

  function orderBody(input: StartPayment, blikCode: string | undefined) {
    const totalAmount = String(input.amount.amount);
    const payMethods =
      input.method.kind === 'blik'
        ? { payMethod: { type: 'BLIK_AUTHORIZATION_CODE', value: blikCode } }
        : input.method.kind === 'card'
          ? { payMethod: { type: 'PBL', value: 'c' } }
          : undefined;
    return {
      notifyUrl: input.notifyUrl,
      continueUrl: input.returnUrl,
      customerIp: input.customerIp,
      merchantPosId: config.posId,
      description: input.description.slice(0, 4000),
      currencyCode: input.amount.currency,
      totalAmount,
      extOrderId: input.attemptId,
      products: [{ name: input.description.slice(0, 255), unitPrice: totalAmount, quantity: '1' }],
      ...(payMethods === undefined ? {} : { payMethods }),
      // The payer's e-mail (optional for PayU): it fills in PayU's page and receipt. Never logged.
      ...(input.payerEmail ? { buyer: { email: input.payerEmail } } : {}),
    };
  }

  return {
    id: PAYU_PROVIDER_ID,
    methods: payuMethods,

    async start(input: StartPayment): Promise<PaymentAttempt> {
      const kind = input.method.kind;
      if (kind !== 'blik' && kind !== 'pbl' && kind !== 'card') {
        throw new KasaError('payment_method_unavailable', { details: { kind, provider: 'payu' } });
      }
      let blikCode: string | undefined;
      if (kind === 'blik') {
        const code = normaliseBlikCode(input.blikCode ?? '');
        if (!code.ok) throw new KasaError('blik_code_format', { field: 'blikCode' });
        blikCode = code.value;
      }
      const startedAt = now();
      const answer = await client.request('POST', ORDERS, orderBody(input, blikCode));
      // The code is in the request only; nothing here keeps or logs it.
      blikCode = undefined;
      if (statusCodeOf(answer) === 'ERROR_ORDER_NOT_UNIQUE') {
        // This attempt reached PayU before (its answer was lost): the order exists, use it.
        const existing = await orderByAttempt(input.attemptId);
        if (existing === undefined) throw unexpected('order_create', answer);
        return { attemptId: input.attemptId, ...(await toStatus(existing)) };
      }
      if (answer.status !== 200 && answer.status !== 201 && answer.status !== 302) {
        throw unexpected('order_create', answer);
      }
      const parsed = createAnswerSchema.safeParse(answer.body);
      if (!parsed.success || parsed.data.orderId === undefined)
        throw unreadable('order_create', parsed.error);
      const { orderId, redirectUri } = parsed.data;
      if (kind === 'blik') {
        return {
          attemptId: input.attemptId,
          providerRef: orderId,
          status: 'awaiting_confirmation',
          confirmBy: startedAt + BLIK_APPROVAL_WINDOW_MS,
        };
      }
      const redirectUrl = redirectUri ?? answer.location;
      if (redirectUrl === undefined) throw unexpected('order_create', answer);
      return { attemptId: input.attemptId, providerRef: orderId, status: 'redirect', redirectUrl };
    },

    status,

    async statusByAttemptId(attemptId) {
      const order = await orderByAttempt(attemptId);
      return order && toStatus(order);
    },

    async cancel(providerRef) {
      const current = await status(providerRef);
      if (
        current === undefined ||
        !['pending', 'awaiting_confirmation', 'redirect'].includes(current.status)
      ) {
        return current;
      }
      const answer = await client.request('DELETE', `${ORDERS}/${encodeURIComponent(providerRef)}`);
      if (answer.status !== 200 && answer.status !== 400 && answer.status !== 404) {
        throw unexpected('order_cancel', answer);
      }
      // PayU's word after the cancel, not ours: an approval may have come first.
      return status(providerRef);
    },

    async verifyNotification(req) {
      return verifyPayuNotification(req, config.secondKey);
    },

    async refund({ providerRef, reason }: RefundRequest): Promise<Refund> {
      const current = await status(providerRef);
      if (current?.status !== 'paid') {
        throw new KasaError('payment_not_found', {
          details: { providerRef, provider: 'payu', hint: 'Only a paid attempt is refunded.' },
        });
      }
      const path = `${ORDERS}/${encodeURIComponent(providerRef)}/refunds`;
      const extRefundId = extRefundIdOf(providerRef);
      const made = async (): Promise<Refund | undefined> => {
        const list = await client.request('GET', path);
        if (list.status === 404) return undefined;
        if (list.status !== 200) throw unexpected('refund_list', list);
        const parsed = refundListSchema.safeParse(list.body);
        if (!parsed.success) throw unreadable('refund_list', parsed.error);
        const found = parsed.data.refunds.find((r) => r.extRefundId === extRefundId);
        return found && { refundRef: found.refundId };
      };
      // A refund whose answer was lost is found by its extRefundId before another is asked for.
      const earlier = await made();
      if (earlier !== undefined) return earlier;
      const answer = await client.request('POST', path, {
        refund: { description: `Kasa: ${reason}`.slice(0, 255), extRefundId },
      });
      if (answer.status === 200 || answer.status === 201) {
        const parsed = refundAnswerSchema.safeParse(answer.body);
        if (!parsed.success) throw unreadable('refund', parsed.error);
        return { refundRef: parsed.data.refund.refundId };
      }
      // A refusal may be PayU saying this extRefundId exists (a race with another caller): look again.
      const raced = await made();
      if (raced !== undefined) return raced;
      throw unexpected('refund', answer);
    },
  };
}
