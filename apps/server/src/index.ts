export type { KasaConfig } from './config.ts';
export { configSchema } from './config.ts';
export { singleThreadScavengeOnFewCores } from './gc-tuning.ts';
export { validateBatch } from './http/collect-routes.ts';
export { freePort, listen } from './listen.ts';
export { createRuntime } from './runtime.ts';
