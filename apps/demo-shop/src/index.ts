/** `@kasa/demo-shop`: a small Polish shop that plays the platform and hands its cart to Kasa. */
export { createDemoShop, type DemoShopOptions } from './app.ts';
export { CART_COOKIE, type CookieLine, parseCartCookie, serializeCart } from './cart-cookie.ts';
export { renderCheckoutPage } from './checkout-page.ts';
export type { DemoProduct, DemoStore } from './store.ts';
