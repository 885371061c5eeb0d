import type { Page } from 'playwright-core';

/** Chromium DevTools' "Fast 3G" preset (latency and throughput as DevTools defines them). */
export const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/**
 * A slow phone: 4× CPU slowdown and, optionally, the Fast 3G network, through the DevTools protocol.
 * `withoutScripts` has Chromium's network refuse every script, so the page's HTML alone is timed
 * (in the same session: a second one would add its own work to every request).
 */
export async function slowPhone(page: Page, network: boolean, withoutScripts = false): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (network || withoutScripts) await cdp.send('Network.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  if (withoutScripts) await cdp.send('Network.setBlockedURLs', { urls: ['*.js'] });
}
