export type { WidgetAssets } from './assets.ts';
export { loadWidgetAssets } from './assets.ts';
export { renderCheckoutFragment } from './render.tsx';
