export type { WidgetAsset, WidgetAssets } from './assets.ts';
export { loadWidgetAssets } from './assets.ts';
export { buildWidget } from './build.ts';
export type { FragmentInput } from './render.tsx';
export { renderCheckoutFragment } from './render.tsx';
