/**
 * `@kasa/adapter-prestashop`: Kasa on PrestaShop 8/9, through the webservice and the Kasa module
 * (examples/prestashop-module). The local fake is exported from `@kasa/adapter-prestashop/fake`.
 */
export { createPrestaShopAdapter, type PrestaShopAdapter } from './adapter.ts';
export { prestashopConfigSchema } from './config.ts';
