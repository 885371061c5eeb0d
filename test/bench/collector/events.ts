import { randomUUID } from 'node:crypto';

/** A batch of realistic, valid, unique checkout events (what one tracker flush sends). */
export function eventBatch(size: number, checkoutId = `chk_${randomUUID().slice(0, 22).replace(/-/g, '')}`) {
  const now = Date.now();
  return Array.from({ length: size }, (_, index) => ({
    id: randomUUID(),
    ts: now + index,
    shopId: 'bench',
    checkoutId,
    visitorId: 'v_bench',
    sessionId: 's_bench',
    experiments: { 'checkout-layout': index % 2 ? 'one-page' : 'multi-step' },
    device: 'mobile',
    lastTouch: { source: 'google', medium: 'cpc', campaign: 'zima-2026' },
    name: 'field_blur',
    params: { field: 'email', section: 'contact', filled: true },
  }));
}
