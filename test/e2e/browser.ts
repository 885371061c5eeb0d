import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium, if installed; e2e tests skip with a message when it is not. */
export const chromiumPath = CANDIDATES.find((path): path is string => Boolean(path && existsSync(path)));

/** Headless Chromium (Playwright gives each launch a fresh profile) with no background traffic. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed: apt-get install -y chromium (see .ci/run)');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go for a person to look at (ignored by git). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'screenshots');
