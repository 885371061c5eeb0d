/** @kasa/pickup: pickup point providers (InPost lockers, ORLEN Paczka points) and the InPost data mappings they share. */
export type { InpostPickupOptions, InpostPickupProvider } from './inpost-provider.ts';
export { createInpostPickupProvider, INPOST_POINTS_URLS } from './inpost-provider.ts';
export type { OrlenPickupOptions, OrlenPickupProvider } from './orlen-provider.ts';
export { createOrlenPickupProvider, ORLEN_POINTS_URLS } from './orlen-provider.ts';
export type { InpostPickupConfig, OrlenPickupConfig } from './plugins.ts';
export { inpostPickupPlugin, orlenPickupPlugin, sandboxPickupPlugin } from './plugins.ts';
export { createSandboxPickupProvider } from './sandbox-provider.ts';
