export type { CheckoutService } from './checkout/service.ts';
export { createCheckoutService } from './checkout/service.ts';
export type { KasaConfig } from './config.ts';
export { ConfigError, configSchema, loadConfig } from './config.ts';
export { createApp } from './http/app.ts';
export type { WidgetBundle } from './http/widget-routes.ts';
export { freePort, listen } from './listen.ts';
export type { Runtime } from './runtime.ts';
export { createRuntime } from './runtime.ts';
