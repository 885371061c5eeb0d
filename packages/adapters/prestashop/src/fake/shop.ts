import { createHash, randomBytes } from 'node:crypto';
import { cartRef } from '../module-client.ts';
import { PRESTASHOP_SIGNATURE_HEADER, signPrestaShopWebhook } from '../webhook.ts';

/**
 * The PrestaShop the fake plays: a small catalogue, carriers, the webservice's tables, the rules of
 * `Order::addWs()` / `PaymentModule::validateOrder()`, and what the Kasa and InPost modules do in
 * their hooks. Amounts are integer grosze; PrestaShop's six-decimal strings are made at the edges.
 */

export type Row = Record<string, string>;

export interface CartRow {
  readonly id_product: string;
  readonly id_product_attribute: string;
  readonly id_address_delivery: string;
  readonly id_customization: string;
  readonly quantity: string;
}

export interface FakeProduct {
  readonly id: number;
  readonly name: string;
  readonly reference: string;
  readonly taxRate: number;
  /** Gross price in grosze per combination (0 = no combination). */
  readonly prices: Map<number, number>;
  /** What a combination is, e.g. `mielona` (the storefront shows `<name> – <variant>`). */
  readonly variants?: ReadonlyMap<number, string>;
}

export interface FakeCarrier {
  readonly id: number;
  readonly name: string;
  readonly delay: string;
  readonly price: number;
  readonly freeAbove?: number;
  readonly locker: boolean;
  readonly module: string;
}

export interface OrderStateSpec {
  readonly name: string;
  readonly paid: boolean;
  readonly logable: boolean;
}

/** PrestaShop's default order state ids (a fresh 8.x install). */
export const STATES = { payment: 2, cancelled: 6, error: 8, ws_payment: 11, cod: 13 } as const;

const STATE_SPECS = new Map<number, OrderStateSpec>([
  [STATES.payment, { name: 'Płatność zaakceptowana', paid: true, logable: true }],
  [STATES.cancelled, { name: 'Anulowane', paid: false, logable: false }],
  [STATES.error, { name: 'Błąd płatności', paid: false, logable: false }],
  [STATES.ws_payment, { name: 'Płatność zdalna zaakceptowana', paid: true, logable: true }],
  [STATES.cod, { name: 'Oczekiwanie na płatność przy odbiorze', paid: false, logable: true }],
]);

export const SHOP_IDS = { lang: 1, currency: 1, countryPL: 14, guestGroup: 2, customerGroup: 3 } as const;

export interface FakeWebhook {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface ShopOptions {
  readonly moduleKey: string;
  readonly webhookSecret: string;
  /** Installed modules; default: kasa, ps_cashondelivery, ps_wirepayment (payment) and inpostshipping. */
  readonly modules?: Readonly<Record<string, { payment: boolean; active: boolean }>>;
  readonly now?: () => Date;
  /** Whether the InPost module's `inpost_cart_choice` table exists (when that module is enabled). Default true. */
  readonly inpostTable?: boolean;
  /** Whether the Kasa module's "Kasa webhook URL" is filled in. Default true. */
  readonly webhookUrlSet?: boolean;
  /** Carrier reference ids marked as locker carriers on the Kasa module's page. Default none. */
  readonly lockerCarriers?: readonly number[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const psDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** Grosze → PrestaShop's six-decimal string. */
export const six = (grosze: number) => (grosze / 100).toFixed(6);
export const two = (grosze: number) => (grosze / 100).toFixed(2);
/** A decimal string → grosze, rounded like `number_format($x, 2)`. */
export const grosze = (value: string) => Math.round(Number(value) * 100);

export interface CartTotals {
  readonly lines: {
    row: CartRow;
    product: FakeProduct;
    unit: number;
    total: number;
  }[];
  readonly products: number;
  readonly shipping: number;
  readonly total: number;
}

export type ValidateResult = { ok: true; orderId: number } | { ok: false; status: number; body: string };

export class FakeShop {
  readonly products = new Map<number, FakeProduct>();
  readonly carriers = new Map<number, FakeCarrier>();
  /** Webservice tables by resource name. */
  readonly tables = new Map<string, Map<number, Row>>();
  readonly cartRows = new Map<number, CartRow[]>();
  readonly customerGroups = new Map<number, number[]>();
  /** The official InPost module's `inpost_cart_choice` (when `inpostshipping` is installed). */
  readonly inpostCartChoice = new Map<
    number,
    { service: string; email: string; phone: string; point: string }
  >();
  /** The Kasa module's own `kasa_cart` table (its `point` column), used when the InPost module is missing. */
  readonly kasaLocker = new Map<number, string>();
  /** Carts Kasa prepared (the module's `kasa_cart` rows): cart id → Kasa checkout id. */
  readonly kasaCarts = new Map<number, string>();
  /** Kasa's cart id → the storefront cart it was made from, emptied when the order is validated. */
  readonly sourceCarts = new Map<number, number>();
  /** Group reductions in percent, to play a guest group that pays other prices. */
  readonly groupReduction = new Map<number, number>();
  readonly modules: Map<string, { payment: boolean; active: boolean }>;
  readonly webhooks: FakeWebhook[] = [];
  private readonly nextId = new Map<string, number>();
  private readonly now: () => Date;

  constructor(readonly options: ShopOptions) {
    this.now = options.now ?? (() => new Date());
    this.modules = new Map(
      Object.entries(
        options.modules ?? {
          kasa: { payment: true, active: true },
          ps_cashondelivery: { payment: true, active: true },
          ps_wirepayment: { payment: true, active: true },
          inpostshipping: { payment: false, active: true },
        },
      ),
    );
    for (const name of ['customers', 'addresses', 'carts', 'orders', 'order_payments', 'order_histories']) {
      this.tables.set(name, new Map());
    }
    this.seedCatalogue();
  }

  private seedCatalogue(): void {
    const add = (p: FakeProduct) => this.products.set(p.id, p);
    add({
      id: 1,
      name: 'Kubek ceramiczny 350 ml',
      reference: 'KUB-350',
      taxRate: 23,
      prices: new Map([[0, 3900]]),
    });
    add({
      id: 2,
      name: 'Kawa ziarnista 1 kg',
      reference: 'KAWA-1KG',
      taxRate: 23,
      prices: new Map([
        [0, 8990],
        [7, 9490],
      ]),
      variants: new Map([[7, 'Etiopia Sidamo']]),
    });
    add({
      id: 3,
      name: 'Książka: Kuchnia polska',
      reference: 'KSIAZKA-KP',
      taxRate: 5,
      prices: new Map([[0, 4999]]),
    });
    this.carriers.set(2, {
      id: 2,
      name: 'Kurier DPD',
      delay: '1-2 dni robocze',
      price: 1699,
      locker: false,
      module: '',
    });
    this.carriers.set(3, {
      id: 3,
      name: 'InPost Paczkomat 24/7',
      delay: '1-2 dni',
      price: 1299,
      freeAbove: 20000,
      locker: true,
      module: 'inpostshipping',
    });
  }

  table(resource: string): Map<number, Row> {
    const table = this.tables.get(resource);
    if (!table) throw new Error(`no table ${resource}`);
    return table;
  }

  insert(resource: string, row: Row): Row {
    const id = (this.nextId.get(resource) ?? 0) + 1;
    this.nextId.set(resource, id);
    const date = psDate(this.now());
    const stored = { ...row, id: String(id), date_add: date, date_upd: date };
    this.table(resource).set(id, stored);
    return stored;
  }

  isoNow(): string {
    return this.now().toISOString();
  }

  newSecureKey(): string {
    return createHash('md5').update(randomBytes(16)).digest('hex');
  }

  cartRef(cartId: number): string {
    return cartRef(cartId, this.options.moduleKey);
  }

  /** A cart as the storefront makes it for a visitor: no customer, no carrier yet. */
  createStorefrontCart(lines: readonly { product: number; attribute?: number; quantity: number }[]): number {
    const cart = this.insert('carts', {
      id_currency: String(SHOP_IDS.currency),
      id_lang: String(SHOP_IDS.lang),
      id_customer: '0',
      id_guest: '1',
      id_address_delivery: '0',
      id_address_invoice: '0',
      id_carrier: '0',
      secure_key: '',
      delivery_option: '',
    });
    this.cartRows.set(
      Number(cart.id),
      lines.map((l) => ({
        id_product: String(l.product),
        id_product_attribute: String(l.attribute ?? 0),
        id_address_delivery: '0',
        id_customization: '0',
        quantity: String(l.quantity),
      })),
    );
    return Number(cart.id);
  }

  setPrice(product: number, attribute: number, gross: number): void {
    this.products.get(product)?.prices.set(attribute, gross);
  }

  private groupOf(cart: Row): number {
    const customer = this.table('customers').get(Number(cart.id_customer));
    return customer ? Number(customer.id_default_group) : 1;
  }

  /** What `Cart::getOrderTotal()` answers, tax included. */
  totals(cartId: number, carrierId?: number): CartTotals | undefined {
    const cart = this.table('carts').get(cartId);
    if (!cart) return undefined;
    const reduction = this.groupReduction.get(this.groupOf(cart)) ?? 0;
    const lines = [];
    for (const row of this.cartRows.get(cartId) ?? []) {
      const product = this.products.get(Number(row.id_product));
      const base = product?.prices.get(Number(row.id_product_attribute));
      if (!product || base === undefined) continue;
      // Gross prices may hold fractions of a grosz (net price × VAT), as in PrestaShop.
      const exact = (base * (100 - reduction)) / 100;
      const quantity = Number(row.quantity);
      lines.push({
        row,
        product,
        unit: Math.round(exact),
        total: Math.round(exact * quantity),
        exact: exact * quantity,
      });
    }
    // PS_ROUND_TYPE 2 (each line rounded), as on a fresh 8.2.1: the products' figure sums rounded
    // lines, the cart total rounds the exact sum once, so the two may differ by a grosz.
    const products = lines.reduce((sum, l) => sum + l.total, 0);
    const goods = Math.round(lines.reduce((sum, l) => sum + l.exact, 0));
    const carrier = this.carriers.get(carrierId ?? Number(cart.id_carrier));
    const shipping = carrier ? this.shippingPrice(carrier, products) : 0;
    return { lines: lines.map(({ exact: _, ...line }) => line), products, shipping, total: goods + shipping };
  }

  shippingPrice(carrier: FakeCarrier, products: number): number {
    return carrier.freeAbove !== undefined && products >= carrier.freeAbove ? 0 : carrier.price;
  }

  orderForCart(cartId: number): Row | undefined {
    for (const order of this.table('orders').values()) if (order.id_cart === String(cartId)) return order;
    return undefined;
  }

  paymentsOf(order: Row): Row[] {
    return [...this.table('order_payments').values()].filter((p) => p.order_reference === order.reference);
  }

  stateSpec(id: number): OrderStateSpec | undefined {
    return STATE_SPECS.get(id);
  }

  /**
   * `PaymentModule::validateOrder()` as far as Kasa depends on it: the module must be an installed,
   * active PaymentModule; one order per cart; the cart's `secure_key` must be the customer's; when
   * the state is logable and `amountPaid` differs from the cart total, the order is filed as a
   * payment error; a paid state records the payment.
   */
  validateOrder(input: {
    cartId: number;
    stateId: number;
    amountPaid: string;
    label: string;
    module: string;
    secureKey: string | undefined;
  }): ValidateResult {
    const installed = this.modules.get(input.module);
    if (!installed?.payment) {
      return {
        ok: false,
        status: 500,
        body: '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to a member function validateOrder() on bool in /var/www/html/classes/order/Order.php:1650',
      };
    }
    if (!installed.active) return { ok: false, status: 500, body: 'Fatal error' };
    const cart = this.table('carts').get(input.cartId);
    if (!cart || this.orderForCart(input.cartId)) {
      return {
        ok: false,
        status: 500,
        body: 'Cart cannot be loaded or an order has already been placed using this cart',
      };
    }
    if (input.secureKey !== undefined && input.secureKey !== cart.secure_key) {
      return { ok: false, status: 500, body: 'Fatal error: Secure key does not match' };
    }
    const totals = this.totals(input.cartId);
    if (!totals) return { ok: false, status: 500, body: 'Fatal error' };
    let stateId = input.stateId;
    const state = this.stateSpec(stateId);
    if (state?.logable && two(totals.total) !== Number(input.amountPaid).toFixed(2)) stateId = STATES.error;
    const finalState = this.stateSpec(stateId);
    const reference = randomBytes(9)
      .toString('base64')
      .replace(/[^A-Z]/gi, 'X')
      .slice(0, 9)
      .toUpperCase();
    const order = this.insert('orders', {
      id_address_delivery: cart.id_address_delivery ?? '0',
      id_address_invoice: cart.id_address_invoice ?? '0',
      id_cart: String(input.cartId),
      id_currency: cart.id_currency ?? '1',
      id_lang: cart.id_lang ?? '1',
      id_customer: cart.id_customer ?? '0',
      id_carrier: cart.id_carrier ?? '0',
      current_state: String(stateId),
      module: input.module,
      payment: input.label,
      secure_key: cart.secure_key ?? '',
      reference,
      valid: finalState?.logable && stateId !== STATES.error ? '1' : '0',
      total_paid: six(totals.total),
      total_paid_tax_incl: six(totals.total),
      total_paid_real: finalState?.paid ? six(grosze(input.amountPaid)) : six(0),
      total_products_wt: six(totals.products),
      total_shipping: six(totals.shipping),
      conversion_rate: '1.000000',
    });
    if (finalState?.paid) {
      this.insert('order_payments', {
        order_reference: reference,
        id_currency: order.id_currency ?? '1',
        amount: six(grosze(input.amountPaid)),
        payment_method: input.label,
        conversion_rate: '1.000000',
        transaction_id: '',
      });
    }
    this.insert('order_histories', {
      id_order: order.id ?? '',
      id_order_state: String(stateId),
      id_employee: '0',
    });
    this.afterValidateOrder(order);
    this.afterStatusUpdate(order);
    return { ok: true, orderId: Number(order.id) };
  }

  /** `OrderHistory::changeIdOrderState()` plus the hooks it fires. */
  changeState(orderId: number, stateId: number): boolean {
    const order = this.table('orders').get(orderId);
    if (!order || !this.stateSpec(stateId)) return false;
    order.current_state = String(stateId);
    this.afterStatusUpdate(order);
    return true;
  }

  /** What the InPost and Kasa modules do on `actionValidateOrder`. */
  private afterValidateOrder(order: Row): void {
    const cartId = Number(order.id_cart);
    const carrier = this.carriers.get(Number(order.id_carrier));
    // InPost: a choice for a non-InPost carrier is dropped; a missing email or phone is filled in.
    if (this.modules.get('inpostshipping')?.active) {
      const choice = this.inpostCartChoice.get(cartId);
      if (choice && carrier?.module !== 'inpostshipping') this.inpostCartChoice.delete(cartId);
    }
    // Kasa, for its own carts: the shopper's storefront cart is emptied (the order was made from a
    // copy), and the transaction id the adapter put in the payment label goes to the payment row.
    if (!this.kasaCarts.has(cartId)) return;
    const source = this.sourceCarts.get(cartId);
    if (source !== undefined) this.cartRows.set(source, []);
    const transaction = /#([^#]+)$/.exec(order.payment ?? '')?.[1]?.trim();
    if (transaction) {
      for (const payment of this.paymentsOf(order)) {
        if (!payment.transaction_id) payment.transaction_id = transaction;
      }
    }
  }

  /** The Kasa module's `actionOrderStatusPostUpdate`: a signed webhook to Kasa. */
  private afterStatusUpdate(order: Row): void {
    if (!this.kasaCarts.has(Number(order.id_cart))) return;
    const stateId = Number(order.current_state);
    const state = this.stateSpec(stateId);
    const status =
      stateId === STATES.error
        ? 'payment_error'
        : stateId === STATES.cancelled
          ? 'cancelled'
          : state?.paid
            ? 'paid'
            : stateId === STATES.cod
              ? 'cash_on_delivery'
              : 'updated';
    const body = JSON.stringify({
      topic: `order.${status}`,
      orderId: order.id_cart,
      cartId: Number(order.id_cart),
      psOrderId: Number(order.id),
      reference: order.reference,
      state: { id: stateId, name: state?.name ?? '', paid: state?.paid ?? false },
      status,
      occurredAt: this.isoNow(),
    });
    this.webhooks.push(this.signWebhook(body));
  }

  /** A webhook delivery as the Kasa module sends it: JSON, signed with the shop's webhook secret. */
  signWebhook(body: string): FakeWebhook {
    return {
      headers: {
        'content-type': 'application/json',
        [PRESTASHOP_SIGNATURE_HEADER]: signPrestaShopWebhook(body, this.options.webhookSecret),
      },
      body,
    };
  }

  /** The Kasa module's locker storage: the InPost table when that module is there, else its own. */
  storeLocker(
    cartId: number,
    point: string,
    email: string,
    phone: string,
  ): 'inpost_cart_choice' | 'kasa_cart' {
    if (this.modules.get('inpostshipping')?.active) {
      this.inpostCartChoice.set(cartId, { service: 'inpost_locker_standard', email, phone, point });
      return 'inpost_cart_choice';
    }
    this.kasaLocker.set(cartId, point);
    return 'kasa_cart';
  }

  lockerOf(cartId: number): string | undefined {
    return this.inpostCartChoice.get(cartId)?.point ?? this.kasaLocker.get(cartId);
  }
}
