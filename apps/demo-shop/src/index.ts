/** `@kasa/demo-shop`: a small Polish shop that plays the platform and hands its cart to Kasa. */
export { createDemoShop } from './app.ts';
export type { DemoProduct, DemoStore } from './store.ts';
