import { randomBytes, randomUUID } from 'node:crypto';

/** A UUIDv7 as the tracker makes them: time first, so the ids of one moment sort together. */
function uuidV7(ms: number): string {
  const hex = [...(ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex'))];
  hex[12] = '7';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const id = hex.join('');
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** A batch of realistic, valid, unique checkout events (what one tracker flush sends, ids included). */
export function eventBatch(size: number, checkoutId = `chk_${randomUUID().slice(0, 22).replace(/-/g, '')}`) {
  const now = Date.now();
  return Array.from({ length: size }, (_, index) => ({
    id: uuidV7(now + index),
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
