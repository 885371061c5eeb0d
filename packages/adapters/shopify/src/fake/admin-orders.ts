/**
 * The fake Admin API's order book: what `orderCreate`, `orderCreateManualPayment`
 * and `orderCancel` do to an order, in Shopify's JSON shapes (GraphQL field names, decimal money
 * strings). Pure data; the HTTP side is admin-graphql.ts.
 */

export interface FakeVariant {
  /** `gid://shopify/ProductVariant/<n>`. */
  readonly id: string;
  /** Gross unit price in minor units. */
  readonly priceMinor: number;
  readonly title: string;
  readonly sku: string;
}

export interface FakeTransaction {
  readonly kind: 'SALE';
  readonly status: 'SUCCESS';
  readonly gateway: string;
  readonly authorizationCode: string | null;
  readonly amountSet: { shopMoney: { amount: string; currencyCode: string } };
}

export interface FakeOrder {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  tags: string[];
  customAttributes: { key: string; value: string }[];
  displayFinancialStatus: 'PENDING' | 'PAID';
  cancelledAt: string | null;
  readonly totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  readonly transactions: FakeTransaction[];
  readonly lineItems: { variantId: string; quantity: number; priceMinor: number }[];
  readonly customerEmail?: string;
  readonly customer: { email?: string; firstName?: string; lastName?: string } | null;
  readonly inventoryBehaviour: string;
}

export const decimal = (minor: number): string => (minor / 100).toFixed(2);
export const minorOf = (amount: string | number): number => Math.round(Number(amount) * 100);

/** What orderCreate's variables carry, as far as the fake reads them. */
export interface OrderCreateVariables {
  readonly order: {
    readonly currency?: string;
    readonly lineItems: readonly {
      /** Absent for a custom line item (a title and a price, no product). */
      variantId?: string;
      title?: string;
      quantity: number;
      priceSet?: { shopMoney: { amount: string | number } };
    }[];
    readonly shippingLines?: readonly { priceSet: { shopMoney: { amount: string | number } } }[];
    readonly customAttributes?: readonly { key: string; value: string }[];
    readonly tags?: readonly string[] | string;
    readonly financialStatus?: 'PENDING' | 'PAID';
    readonly transactions?: readonly FakeTransaction[];
    readonly customer?: { toUpsert?: { email?: string; firstName?: string; lastName?: string } };
  };
  readonly options?: { inventoryBehaviour?: string };
}

type UserError = { field: string[] | null; message: string };

/**
 * Builds an order from orderCreate's input, or the userErrors Shopify would answer.
 *
 * @example newOrder(1001, variants, { order: { lineItems: [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }] } });
 */
export function newOrder(
  number: number,
  variants: ReadonlyMap<string, FakeVariant>,
  input: OrderCreateVariables,
): FakeOrder | UserError[] {
  const errors: UserError[] = [];
  const { order } = input;
  if (order.lineItems.length === 0)
    errors.push({ field: ['order', 'lineItems'], message: 'Line items can’t be blank' });
  const lines = order.lineItems.flatMap((line, i) => {
    if (line.variantId === undefined && line.title && line.priceSet) {
      return [
        { variantId: '', quantity: line.quantity, priceMinor: minorOf(line.priceSet.shopMoney.amount) },
      ];
    }
    const variant = variants.get(line.variantId ?? '');
    if (variant === undefined) {
      errors.push({
        field: ['order', 'lineItems', String(i), 'variantId'],
        message: 'Variant does not exist',
      });
      return [];
    }
    const priceMinor = line.priceSet ? minorOf(line.priceSet.shopMoney.amount) : variant.priceMinor;
    return [{ variantId: variant.id, quantity: line.quantity, priceMinor }];
  });
  if (errors.length > 0) return errors;
  const shipping = (order.shippingLines ?? []).reduce((s, l) => s + minorOf(l.priceSet.shopMoney.amount), 0);
  const total = lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0) + shipping;
  const currencyCode = order.currency ?? 'PLN';
  const tags =
    typeof order.tags === 'string' ? order.tags.split(',').map((t) => t.trim()) : [...(order.tags ?? [])];
  const paid = order.financialStatus === 'PAID' || (order.transactions ?? []).some((t) => t.kind === 'SALE');
  return {
    id: `gid://shopify/Order/${5_000_000 + number}`,
    name: `#${number}`,
    createdAt: new Date().toISOString(),
    tags,
    customAttributes: [...(order.customAttributes ?? [])],
    displayFinancialStatus: paid ? 'PAID' : 'PENDING',
    cancelledAt: null,
    totalPriceSet: { shopMoney: { amount: decimal(total), currencyCode } },
    transactions: [...(order.transactions ?? [])],
    lineItems: lines,
    ...(order.customer?.toUpsert?.email ? { customerEmail: order.customer.toUpsert.email } : {}),
    customer: order.customer?.toUpsert ? { ...order.customer.toUpsert } : null,
    inventoryBehaviour: input.options?.inventoryBehaviour ?? 'BYPASS',
  };
}

/**
 * `orderCreateManualPayment`: records a payment for the outstanding amount; refused on a paid order.
 *
 * @example recordManualPayment(order, 'BLIK (PayU)'); // [] and the order is PAID
 */
export function recordManualPayment(order: FakeOrder, paymentMethodName: string): UserError[] {
  if (order.displayFinancialStatus === 'PAID') {
    return [{ field: ['id'], message: 'Order is already paid' }];
  }
  if (order.cancelledAt !== null) return [{ field: ['id'], message: 'Order is cancelled' }];
  order.transactions.push({
    kind: 'SALE',
    status: 'SUCCESS',
    gateway: paymentMethodName,
    authorizationCode: null,
    amountSet: order.totalPriceSet,
  });
  order.displayFinancialStatus = 'PAID';
  return [];
}

/** Shopify's `orders(query:)` syntax, as far as Kasa uses it: `tag:'value'`. */
export function matchesQuery(order: FakeOrder, query: string): boolean {
  const tag = /^tag:['"]?([^'"]+)['"]?$/.exec(query.trim());
  if (tag) return order.tags.includes(tag[1] ?? '');
  return false;
}
