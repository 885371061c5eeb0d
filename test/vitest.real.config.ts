import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The suites against real platforms (`*.real.test.ts`: real WordPress with WooCommerce, and a real
 * PrestaShop, on this machine). They run after the main suite, not beside it: the shop's PHP and MariaDB would take the
 * CPU the browser tests time themselves by.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['packages/**/*.real.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
