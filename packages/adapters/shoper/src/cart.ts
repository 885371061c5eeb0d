import { type Cart, KasaError, type LineItem, money, multiply, sum } from '@kasa/core';
import type { ShoperBasket, ShoperBasketLine } from './basket-ref.ts';
import { parseBasketRef } from './basket-ref-parse.ts';
import type { ShopIdCache } from './mapping.ts';
import type { ShoperRest } from './rest/client.ts';
import { bulkList, listByIds, listOp, PAGE_LIMIT, runBulk } from './rest/list.ts';
import {
  type Product,
  type ProductStock,
  plName,
  productSchema,
  productStockSchema,
  stockUnitPrice,
} from './rest/schemas.ts';

/**
 * PLN (a float, gross) in grosze.
 *
 * @example grosze(49.9); // 4990
 */
export const grosze = (pln: number): number => Math.round(pln * 100);

/** A basket line Kasa could not confirm, for `details.lines` of cart_prices_unconfirmed. */
export interface UnconfirmedLine {
  readonly productId: number;
  readonly stockId: number;
  /** The unit price the basket showed, grosze. */
  readonly shown: number;
  /** The unit price REST sells at, grosze; absent when REST no longer sells it. */
  readonly confirmed?: number;
}

/** What REST says about the basket's products. */
export interface Catalogue {
  readonly products: readonly Product[];
  /** Variant stocks (`product-stocks`) the basket names that are not a product's own stock. */
  readonly variants: readonly ProductStock[];
  readonly taxRates: ReadonlyMap<number, number>;
}

/**
 * Kasa's line id and product id for a basket line: the product id for its own stock, else
 * `<productId>-<stockId>`.
 *
 * @example lineProductId(12, 201, 102); // '12-201'
 */
export const lineProductId = (productId: number, stockId: number, ownStockId: number | undefined): string =>
  stockId === ownStockId ? String(productId) : `${productId}-${stockId}`;

function priceLine(
  line: ShoperBasketLine,
  catalogue: Catalogue,
): { readonly item?: LineItem; readonly refused?: UnconfirmedLine } {
  const refuse = (confirmed?: number) => ({
    refused: {
      productId: line.productId,
      stockId: line.stockId,
      shown: line.shownUnitPrice,
      ...(confirmed === undefined ? {} : { confirmed }),
    },
  });
  const product = catalogue.products.find((p) => p.product_id === line.productId);
  if (product === undefined) return refuse();
  const own = product.stock.stock_id === line.stockId;
  const stock = own
    ? product.stock
    : catalogue.variants.find(
        (v) => v.stock_id === line.stockId && (v.product_id ?? line.productId) === line.productId,
      );
  if (stock === undefined || stock.active === false || product.stock.active === false) return refuse();
  const basePrice = product.stock.price ?? 0;
  const unit = grosze(own ? basePrice : stockUnitPrice(basePrice, stock));
  if (stock.stock !== undefined && stock.stock < line.quantity) return refuse(unit);
  if (unit !== line.shownUnitPrice) return refuse(unit);
  const vatRate = product.tax_id == null ? undefined : catalogue.taxRates.get(product.tax_id);
  if (vatRate === undefined) return refuse(unit);
  const productId = lineProductId(line.productId, line.stockId, product.stock.stock_id);
  const sku = stock.code ?? product.code ?? undefined;
  const unitPrice = money(unit);
  return {
    item: {
      id: productId,
      productId,
      ...(sku ? { sku } : {}),
      name: (plName(product.translations) ?? sku ?? `Produkt ${line.productId}`).slice(0, 200),
      quantity: line.quantity,
      unitPrice,
      total: multiply(unitPrice, line.quantity),
      vatRate,
    },
  };
}

/**
 * Kasa's cart for a basket, priced from REST: every line's gross price must equal the price the
 * basket showed, and REST must still sell it (product and stock active, enough stock when REST
 * counts it). Throws KasaError('cart_prices_unconfirmed', { details: { lines } }) otherwise.
 *
 * @example priceBasket('shoper1.…', { lines: [{ productId: 11, stockId: 101, quantity: 2, shownUnitPrice: 4990 }] }, catalogue);
 */
export function priceBasket(ref: string, basket: ShoperBasket, catalogue: Catalogue): Cart {
  const priced = basket.lines.map((line) => priceLine(line, catalogue));
  const refused = priced.flatMap((p) => (p.refused === undefined ? [] : [p.refused]));
  if (refused.length > 0) {
    throw new KasaError('cart_prices_unconfirmed', { details: { platform: 'shoper', lines: refused } });
  }
  const lines = priced.flatMap((p) => (p.item === undefined ? [] : [p.item]));
  return {
    ref,
    currency: 'PLN',
    lines,
    subtotal: sum(
      lines.map((l) => l.total),
      'PLN',
    ),
  };
}

/**
 * Reads the catalogue a basket names in one call: a `/bulk` of two reads, its products and its
 * stocks (`{"in":[…]}`, 50 a page; a longer list is read to its end), the tax rates cached per adapter.
 *
 * @example const cart = await readCart(rest, ids, ref);
 */
export async function readCart(rest: ShoperRest, ids: ShopIdCache, ref: string): Promise<Cart> {
  const basket = parseBasketRef(ref);
  const productIds = [...new Set(basket.lines.map((l) => l.productId))];
  const stockIds = [...new Set(basket.lines.map((l) => l.stockId))];
  const ops = [
    listOp('products', '/products', { product_id: { in: productIds.slice(0, PAGE_LIMIT) } }),
    listOp('stocks', '/product-stocks', { stock_id: { in: stockIds.slice(0, PAGE_LIMIT) } }),
  ] as const;
  const items = await runBulk(rest, 'getCart: POST /bulk (products, stocks)', ops, true);
  const products = await bulkList(
    rest,
    items.get('products'),
    ops[0],
    productSchema,
    'getCart: GET /products',
  );
  const variants = await bulkList(
    rest,
    items.get('stocks'),
    ops[1],
    productStockSchema,
    'getCart: GET /product-stocks',
  );
  // A basket of more than 50 products or stocks (up to 100 lines) needs the rest read apart.
  if (productIds.length > PAGE_LIMIT) {
    products.push(
      ...(await listByIds(
        rest,
        'getCart: GET /products',
        '/products',
        productSchema,
        'product_id',
        productIds.slice(PAGE_LIMIT),
      )),
    );
  }
  if (stockIds.length > PAGE_LIMIT) {
    const moreStocks = stockIds.slice(PAGE_LIMIT);
    variants.push(
      ...(await listByIds(
        rest,
        'getCart: GET /product-stocks',
        '/product-stocks',
        productStockSchema,
        'stock_id',
        moreStocks,
      )),
    );
  }
  const { taxRates } = await ids.get();
  return priceBasket(ref, basket, { products, variants, taxRates });
}
