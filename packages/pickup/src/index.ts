/** @kasa/pickup: pickup point providers (InPost lockers) and the InPost data mappings they share. */
export { createSandboxPickupProvider } from './sandbox-provider.ts';
