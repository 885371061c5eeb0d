import {
  CART_REF_MAX,
  type Cart,
  cartOfLines,
  catalogueLine,
  describeError,
  ID_PATTERN,
  KasaError,
  VISITOR_COOKIE,
} from '@kasa/core';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  cartMadeFor,
  checkoutForCart,
  forgetCheckout,
  rememberCheckout,
  rememberedCheckout,
} from './cart-checkout.ts';
import {
  addLine,
  CART_COOKIE,
  type CookieLine,
  parseCartCookie,
  serializeCart,
  setLine,
} from './cart-cookie.ts';
import { cartViewScript } from './cart-view.ts';
import { renderCheckoutPage } from './checkout-page.ts';
import { createKasaClient } from './kasa-client.ts';
import { baseHeaders, isCrossSitePost, newNonce, sendPage } from './security.ts';
import { renderMessagePage, renderShopPage, type ShopNotice } from './shop-page.ts';
import type { DemoProduct, DemoStore } from './store.ts';

/** What `createDemoShop` needs. */
export interface DemoShopOptions {
  /**
   * The platform that owns the catalogue and the carts, shared with the Kasa server: the sandbox
   * store, or a local WooCommerce or PrestaShop fake.
   */
  readonly store: DemoStore;
  /** Where the Kasa checkout API is served, e.g. `http://localhost:3000`. */
  readonly kasaUrl: string;
  /** How the shop's server calls Kasa (tests pass a fake). */
  readonly fetch?: typeof fetch;
  /** Kasa's shop key (`shopKey`): the shop's server starts checkouts without a per-address limit. */
  readonly kasaKey?: string;
  /** Kasa's `shopId`, which the cart page's events carry (default `demo`). */
  readonly kasaShopId?: string;
}

const addForm = z.object({
  productId: z.string().min(1).max(100),
  quantity: z.coerce.number().int().min(1).max(99).default(1),
});
const updateForm = z.object({
  productId: z.string().min(1).max(100),
  quantity: z.coerce.number().int().min(0).max(99),
});
const cartRefQuery = z.string().trim().min(1).max(CART_REF_MAX);

const NOTICES: Readonly<Record<string, ShopNotice>> = {
  pusty: { kind: 'error', text: 'Twój koszyk jest pusty. Dodaj produkty, zanim przejdziesz do kasy.' },
  produkt: {
    kind: 'error',
    text: 'Nie udało się zmienić koszyka. Sprawdź ilość (od 1 do 99) i spróbuj ponownie.',
  },
  zmieniono: { kind: 'ok', text: 'Koszyk został zaktualizowany.' },
};
const BOUGHT: ShopNotice = {
  kind: 'ok',
  text: 'Dziękujemy za zamówienie. Koszyk jest gotowy na kolejne zakupy.',
};

function kasaBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`kasaUrl must be an absolute http(s) URL, got '${url}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`kasaUrl must use http or https, got '${url}'`);
  }
  return url.replace(/\/+$/, '');
}

/** The cookie cart priced from the catalogue, for the shop page; Kasa prices the platform's cart itself. */
function cookieCart(lines: readonly CookieLine[], find: (id: string) => DemoProduct | undefined): Cart {
  const items = lines.flatMap((line) => {
    const product = find(line.productId);
    return product ? [catalogueLine(product, line.quantity)] : [];
  });
  return cartOfLines('cookie', items[0]?.unitPrice.currency ?? 'PLN', items);
}

function writeCart(c: Context, lines: readonly CookieLine[]): void {
  if (lines.length === 0) {
    deleteCookie(c, CART_COOKIE, { path: '/' });
    return;
  }
  setCookie(c, CART_COOKIE, serializeCart(lines), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 30 * 24 * 3600,
  });
}

/**
 * The demo shop ("the platform"): a catalogue and a cookie cart rendered on the server in Polish,
 * which hands the cart to Kasa at `/kasa?cart=<ref>`. Works without JavaScript up to the checkout.
 *
 * @example
 * const sandbox = createSandboxAdapter({ filename: ':memory:' });
 * serve({ fetch: createDemoShop({ store: sandbox, kasaUrl: 'http://localhost:3000' }).fetch, port: 3001 });
 */
export function createDemoShop(options: DemoShopOptions): Hono {
  const { store } = options;
  const findProduct = (id: string) => store.listProducts().find((product) => product.id === id);
  const readCart = (c: Context): CookieLine[] =>
    parseCartCookie(getCookie(c, CART_COOKIE), (id) => findProduct(id) !== undefined);
  const kasaUrl = kasaBase(options.kasaUrl);
  const kasaOrigin = new URL(kasaUrl).origin;
  const kasa = createKasaClient(kasaUrl, options.fetch, options.kasaKey);
  const app = new Hono();

  const message = (c: Context, status: 400 | 403 | 404 | 500, title: string, text: string) =>
    sendPage(c, (nonce) => renderMessagePage({ title, text, nonce }), { status });

  // Pages go out gzipped, as a shop's web server sends them (the checkout page: 6.9 kB instead of 24.5).
  app.use('*', compress());
  app.use('*', baseHeaders);
  app.use('*', async (c, next) => {
    if (isCrossSitePost(c)) {
      return message(c, 403, 'Odmowa dostępu', 'Ten formularz można wysłać tylko ze strony sklepu.');
    }
    await next();
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));

  /**
   * The cookie cart, or none once Kasa says the checkout started for it is paid (or accepted cash
   * on delivery), as a platform empties the cart of a finished order. `bought` tells the caller to
   * clear the cart cookie; the remembered checkout is forgotten here. When Kasa cannot be asked the
   * cart stays as it is.
   */
  const currentCart = async (c: Context): Promise<{ lines: CookieLine[]; bought: boolean }> => {
    const lines = readCart(c);
    const known = rememberedCheckout(c);
    if (lines.length === 0 || !known) return { lines, bought: false };
    const bought = await kasa.purchased(known.checkoutId).catch(() => false);
    if (!bought) return { lines, bought };
    forgetCheckout(c);
    return { lines: [], bought };
  };

  /** The cart's Kasa checkout, for the cart page's view_cart; none (and no tracking) when Kasa is down. */
  const cartCheckoutId = async (c: Context, lines: readonly CookieLine[]) => {
    try {
      return (await checkoutForCart(c, lines, { store, kasa })).checkoutId;
    } catch (error) {
      console.warn('[demo-shop] the cart view is not tracked:', (error as Error).message);
      return undefined;
    }
  };

  app.get('/', async (c) => {
    const { lines, bought } = await currentCart(c);
    if (bought) writeCart(c, []);
    const added = findProduct(c.req.query('dodano') ?? '');
    const notice: ShopNotice = bought
      ? BOUGHT
      : added
        ? { kind: 'ok', text: `Dodano do koszyka: ${added.name}.` }
        : NOTICES[c.req.query('komunikat') ?? ''];
    const cart = lines.length > 0 ? cookieCart(lines, findProduct) : undefined;
    const checkoutId = cart && (await cartCheckoutId(c, lines));
    const nonce = newNonce();
    const shopId = options.kasaShopId ?? 'demo';
    const script =
      cart && checkoutId ? cartViewScript({ kasaUrl, nonce, shopId, checkoutId, cart }) : undefined;
    const page = renderShopPage({
      products: store.listProducts(),
      cart,
      notice,
      nonce,
      platform: store.label,
      script,
    });
    return sendPage(c, () => page, { nonce, ...(script ? { connectOrigin: kasaOrigin } : {}) });
  });

  app.post('/cart', async (c) => {
    const form = addForm.safeParse(await c.req.parseBody());
    if (!form.success || !findProduct(form.data.productId))
      return c.redirect('/?komunikat=produkt#koszyk', 303);
    writeCart(c, addLine((await currentCart(c)).lines, form.data.productId, form.data.quantity));
    return c.redirect(`/?dodano=${encodeURIComponent(form.data.productId)}#koszyk`, 303);
  });

  app.post('/cart/update', async (c) => {
    const form = updateForm.safeParse(await c.req.parseBody());
    if (!form.success || !findProduct(form.data.productId))
      return c.redirect('/?komunikat=produkt#koszyk', 303);
    writeCart(c, setLine((await currentCart(c)).lines, form.data.productId, form.data.quantity));
    return c.redirect('/?komunikat=zmieniono#koszyk', 303);
  });

  app.post('/cart/clear', (c) => {
    writeCart(c, []);
    return c.redirect('/', 303);
  });

  app.post('/checkout', async (c) => {
    const { lines, bought } = await currentCart(c);
    if (bought) writeCart(c, []);
    if (lines.length === 0) return c.redirect('/?komunikat=pusty#koszyk', 303);
    // The platform cart the cart page made for these lines, so the checkout it started goes on.
    const ref = (await cartMadeFor(c, lines, store))?.cartRef ?? (await store.createCart(lines));
    return c.redirect(`/kasa?cart=${encodeURIComponent(ref)}`, 303);
  });

  app.get('/kasa', async (c) => {
    const ref = cartRefQuery.safeParse(c.req.query('cart') ?? '');
    if (!ref.success) {
      return message(c, 404, 'Nie znaleziono koszyka', describeError({ code: 'cart_not_found' }).message);
    }
    await store.getCart(ref.data);
    const forced = c.req.query('layout');
    const layoutName = forced === 'multi-step' || forced === 'one-page' ? forced : undefined;
    const known = rememberedCheckout(c);
    const same = known?.cartRef === ref.data ? known : undefined;
    const checkoutId = await kasa.checkoutFor(ref.data, same?.checkoutId);
    rememberCheckout(c, { cartRef: ref.data, checkoutId, linesKey: same?.linesKey ?? '' });
    const nonce = newNonce();
    // The tracker writes this cookie only with analytics consent; a tampered value is not passed on.
    const visitor = getCookie(c, VISITOR_COOKIE);
    const fragment = await kasa.fragment(checkoutId, {
      nonce,
      ...(layoutName ? { layout: layoutName } : {}),
      ...(visitor && ID_PATTERN.test(visitor) ? { visitor } : {}),
    });
    const page = renderCheckoutPage({
      fragment,
      nonce,
      cartRef: ref.data,
      ...(layoutName ? { layoutName } : {}),
    });
    return sendPage(c, () => page, { connectOrigin: kasaOrigin, nonce });
  });

  app.notFound((c) => message(c, 404, 'Nie znaleziono strony', 'Tej strony nie ma w naszym sklepie.'));

  app.onError((err, c) => {
    if ((err instanceof KasaError && err.code === 'cart_not_found') || err.message === 'cart_not_found') {
      return message(c, 404, 'Nie znaleziono koszyka', describeError({ code: 'cart_not_found' }).message);
    }
    if (err instanceof KasaError && err.status < 500) {
      return message(c, 400, 'Nie udało się', describeError(err).message);
    }
    console.error('[demo-shop]', err);
    return message(c, 500, 'Coś poszło nie tak', describeError({ code: 'internal' }).message);
  });

  return app;
}
