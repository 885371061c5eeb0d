import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The repository root: this file lives in test/ so the top level keeps only what it must.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'test/**/*.test.ts'],
    // The real-platform suites run after this one (vitest.real.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.real.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
