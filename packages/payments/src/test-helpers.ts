import type { PaymentKind, PaymentMethod, StartPayment } from '@kasa/core';
import { money } from '@kasa/core';
import { createSandboxPaymentProvider } from './sandbox-provider.ts';
import type { SandboxPaymentOptions } from './sandbox-types.ts';

export const BANK = 'http://127.0.0.1:3000/sandbox/bank';
export const T0 = 1_700_000_000_000;

/** A provider on a hand-moved clock, so tests move time without sleeping. */
export function sandboxOnClock(options: Partial<SandboxPaymentOptions> = {}) {
  let t = T0;
  const provider = createSandboxPaymentProvider({ bankPageBaseUrl: BANK, now: () => t, ...options });
  return {
    provider,
    advance(ms: number) {
      t += ms;
    },
  };
}

export const method = (kind: PaymentKind): PaymentMethod => ({
  id: kind,
  kind,
  provider: 'sandbox',
  label: kind,
});

let counter = 0;

export function startInput(kind: PaymentKind, extra: Partial<StartPayment> = {}): StartPayment {
  counter += 1;
  return {
    attemptId: `att_${counter}`,
    orderId: 'ord_1',
    method: method(kind),
    amount: money(12_300),
    description: 'Zamówienie 1',
    customerIp: '127.0.0.1',
    returnUrl: 'http://127.0.0.1:3000/return',
    notifyUrl: 'http://127.0.0.1:3000/notify',
    ...extra,
  };
}
