import { describe, expect, it } from 'vitest';
import { TokenCache } from './auth.ts';

function issuer(lifeSeconds = 3600) {
  let issued = 0;
  const gates: (() => void)[] = [];
  return {
    count: () => issued,
    release: () => {
      for (const open of gates.splice(0)) open();
    },
    issue:
      (gated = false) =>
      async () => {
        issued++;
        const n = issued;
        if (gated) await new Promise<void>((resolve) => gates.push(resolve));
        return { accessToken: `token-${n}`, expiresIn: lifeSeconds };
      },
  };
}

describe('TokenCache', () => {
  it('keeps a token until its expiry minus the margin, then asks for a new one', async () => {
    let clock = 0;
    const shop = issuer(3600);
    const tokens = new TokenCache({ issue: shop.issue(), now: () => clock, marginMs: 60_000 });
    expect(await tokens.current()).toBe('token-1');
    clock = 3_539_000;
    expect(await tokens.current()).toBe('token-1');
    clock = 3_540_000;
    expect(await tokens.current()).toBe('token-2');
    expect(shop.count()).toBe(2);
  });

  it('uses a token shorter-lived than the margin for half its life', async () => {
    let clock = 0;
    const shop = issuer(60);
    const tokens = new TokenCache({ issue: shop.issue(), now: () => clock, marginMs: 600_000 });
    await tokens.current();
    clock = 29_000;
    expect(await tokens.current()).toBe('token-1');
    clock = 30_000;
    expect(await tokens.current()).toBe('token-2');
  });

  it('shares one request among concurrent callers, first use and renewal alike', async () => {
    const shop = issuer();
    const tokens = new TokenCache({ issue: shop.issue(true), now: () => 0, marginMs: 0 });
    const first = Promise.all([tokens.current(), tokens.current(), tokens.current()]);
    shop.release();
    expect(await first).toEqual(['token-1', 'token-1', 'token-1']);
    const renewed = Promise.all([tokens.renew('token-1'), tokens.renew('token-1'), tokens.current()]);
    await Promise.resolve();
    shop.release();
    expect(await renewed).toEqual(['token-2', 'token-2', 'token-2']);
    expect(shop.count()).toBe(2);
  });

  it('does not renew again for a caller whose refused token was already replaced', async () => {
    const shop = issuer();
    const tokens = new TokenCache({ issue: shop.issue(), now: () => 0, marginMs: 0 });
    await tokens.current();
    expect(await tokens.renew('token-1')).toBe('token-2');
    expect(await tokens.renew('token-1')).toBe('token-2');
    expect(shop.count()).toBe(2);
  });

  it('asks again after a failed request instead of keeping the failure', async () => {
    let fail = true;
    const tokens = new TokenCache({
      issue: async () => {
        if (fail) throw new Error('refused');
        return { accessToken: 'ok', expiresIn: 3600 };
      },
      now: () => 0,
      marginMs: 0,
    });
    await expect(tokens.current()).rejects.toThrow('refused');
    fail = false;
    expect(await tokens.current()).toBe('ok');
  });
});
