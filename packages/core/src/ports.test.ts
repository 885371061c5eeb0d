import { describe, expect, it } from 'vitest';
import { headerOf, runCheck } from './ports.ts';

describe('headerOf', () => {
  it('finds a header whatever the case of its name, and nothing when absent', () => {
    const req = { headers: { 'X-WC-Webhook-Signature': 'abc', other: undefined }, body: '' };
    expect(headerOf(req, 'x-wc-webhook-signature')).toBe('abc');
    expect(headerOf(req, 'X-WC-WEBHOOK-SIGNATURE')).toBe('abc');
    expect(headerOf(req, 'x-missing')).toBeUndefined();
  });
});

describe('runCheck', () => {
  it('passes a check through and turns a throw into a failed check with a fix', async () => {
    const ok = { name: 'reachable', ok: true, detail: 'The shop answers.' };
    expect(await runCheck('reachable', () => ok)).toBe(ok);
    const failed = await runCheck('credentials', async () => {
      throw new Error('socket hang up');
    });
    expect(failed).toMatchObject({
      name: 'credentials',
      ok: false,
      detail: expect.stringContaining('socket hang up'),
    });
    expect(failed.fix).toBeTruthy();
  });
});
