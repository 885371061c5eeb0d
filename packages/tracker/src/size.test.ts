import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const BUDGET = 6000;
const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

/**
 * The tracker ships in the checkout page, so its weight is a budget, not a hope. Vite is the one
 * that runs these tests (a dependency of vitest), so it is imported from beside vitest: the
 * tracker needs no build tool of its own.
 */
async function loadVite(): Promise<{ build(config: object): Promise<unknown> }> {
  const require = createRequire(import.meta.url);
  const vite = createRequire(require.resolve('vitest/package.json')).resolve('vite');
  return import(pathToFileURL(vite).href);
}

it(`bundles to at most ${BUDGET} bytes gzipped, idb-keyval included and zod left out`, async () => {
  const { build } = await loadVite();
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('..', import.meta.url)),
    build: {
      write: false,
      minify: true,
      target: 'es2020',
      modulePreload: false,
      // App mode, not lib mode: lib mode keeps whitespace in ES output. The entry keeps its exports.
      rolldownOptions: { input: entry, preserveEntrySignatures: 'strict', output: { format: 'es' } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { code?: string }[] }[];
  const code = outputs
    .flatMap((r) => r.output)
    .map((chunk) => chunk.code ?? '')
    .join('');
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`@kasa/tracker: ${code.length} bytes minified, ${gzip} bytes gzip (budget ${BUDGET})`);
  expect(code).toMatch(/export\s*\{/);
  expect(code).toContain('kasa-tracker');
  expect(code).not.toMatch(/ZodError|safeParse/);
  expect(gzip).toBeLessThanOrEqual(BUDGET);
});
