/**
 * `@kasa/adapter-prestashop`: Kasa on PrestaShop 8/9, through the webservice and the Kasa module
 * (examples/prestashop-module). The local fake is exported from `@kasa/adapter-prestashop/fake`.
 */
export {
  createPrestaShopAdapter,
  type PrestaShopAdapter,
  type PrestaShopAdapterDeps,
} from './adapter.ts';
export { formatAmount, parseAmount } from './amounts.ts';
export {
  type PrestaShopConfig,
  type PrestaShopConfigInput,
  parsePrestaShopConfig,
  prestashopConfigSchema,
} from './config.ts';
export { AmbiguousOutcome, backoffMs, retryAfterMs } from './http.ts';
export { kasaNote, NOTE_PREFIX, parseKasaNote } from './note.ts';
export { PRESTASHOP_SIGNATURE_HEADER, signPrestaShopWebhook, verifyPrestaShopWebhook } from './webhook.ts';
export { buildResourceXml, parseXml } from './xml.ts';
