import { afterEach, describe, expect, it } from 'vitest';
import { type Kasa, readyCheckout, startKasa } from './harness.ts';

let kasa: Kasa | undefined;
afterEach(() => kasa?.close());

const requestLines = (logs: readonly string[]) =>
  logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');

describe('request log', () => {
  it('logs each answer at info with the route pattern, never the path with its ids', async () => {
    kasa = await startKasa({ config: { logLevel: 'info' } });
    const { id } = await readyCheckout(kasa);
    await kasa.api('GET', `/api/checkouts/${id}`);
    await kasa.api('GET', '/api/checkouts/chk_missing');

    const lines = requestLines(kasa.logs).filter((entry) => entry.route === '/api/checkouts/:id');
    expect(lines.map(({ method, status }) => ({ method, status }))).toEqual([
      { method: 'GET', status: 200 },
      { method: 'GET', status: 404 },
    ]);
    expect(lines.every((entry) => typeof entry.ms === 'number')).toBe(true);
    expect(JSON.stringify(kasa.logs)).not.toContain(id);
  });

  it('does no request logging above info', async () => {
    kasa = await startKasa({ config: { logLevel: 'warn' } });
    const { id } = await readyCheckout(kasa);
    await kasa.api('GET', `/api/checkouts/${id}`);
    expect(requestLines(kasa.logs)).toEqual([]);
  });
});
