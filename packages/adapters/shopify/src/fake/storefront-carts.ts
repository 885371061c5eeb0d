import { randomBytes } from 'node:crypto';
import { type Money, money, multiply, sum } from '@kasa/core';
import {
  FAKE_SHOPIFY_RATES,
  type FakeShopifyRate,
  type FakeShopifyVariant,
  findVariant,
} from './storefront-catalogue.ts';

/**
 * The fake Storefront's carts, in memory, and the rules its cart mutations follow: Shopify's
 * `userErrors` for what Shopify refuses, a delivery group once a selected delivery address in Poland
 * is set, attributes replaced as a whole by `cartAttributesUpdate`. No GraphQL here (see storefront.ts).
 */

export interface FakeCartUserError {
  readonly code: string;
  readonly field: readonly string[];
  readonly message: string;
}

export interface FakeDeliveryAddress {
  readonly address1?: string;
  readonly address2?: string;
  readonly city?: string;
  readonly zip?: string;
  readonly countryCode?: string;
  readonly provinceCode?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly company?: string;
}

export interface FakeCartLine {
  readonly id: string;
  readonly variant: FakeShopifyVariant;
  quantity: number;
}

export interface FakeCart {
  /** `gid://shopify/Cart/<token>?key=<key>`. */
  readonly id: string;
  readonly token: string;
  readonly checkoutUrl: string;
  readonly createdAt: string;
  updatedAt: string;
  lines: FakeCartLine[];
  buyerIdentity: { email?: string; phone?: string; countryCode?: string };
  addresses: { id: string; selected: boolean; oneTimeUse: boolean; address: FakeDeliveryAddress }[];
  /** The delivery group's id; there is one group, for every line. */
  readonly deliveryGroupId: string;
  selectedHandle?: string;
  attributes: { key: string; value: string }[];
  /** Set once the fake's checkout turned the cart into an order: Shopify then no longer has the cart. */
  completed: boolean;
  /** Answers still to come without delivery groups, as while Shopify prices a new address. */
  pricingAnswers: number;
}

/** Shopify's CartWarning: the mutation succeeded but changed the cart on its own (e.g. stock). */
export interface FakeCartWarning {
  readonly code: 'MERCHANDISE_NOT_ENOUGH_STOCK' | 'MERCHANDISE_OUT_OF_STOCK';
  readonly message: string;
  /** The cart line (or, for a line never added, the variant) the warning is about. */
  readonly target: string;
}

export type FakeCartResult = {
  readonly cart: FakeCart | null;
  readonly userErrors: readonly FakeCartUserError[];
  readonly warnings?: readonly FakeCartWarning[];
};

const MAX_ADDRESSES = 20;
const MAX_QUANTITY = 999;
const POSTCODE_PL = /^\d{2}-\d{3}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const noCart: FakeCartResult = {
  cart: null,
  userErrors: [{ code: 'INVALID', field: ['cartId'], message: 'The specified cart does not exist.' }],
};
const refuse = (code: string, field: readonly string[], message: string): FakeCartResult => ({
  cart: null,
  userErrors: [{ code, field, message }],
});

/** The options the cart's delivery group offers: none until a selected delivery address in Poland. */
export function deliveryOptionsOf(cart: FakeCart): readonly FakeShopifyRate[] {
  if (cart.pricingAnswers > 0) return [];
  const selected = cart.addresses.find((a) => a.selected);
  if (cart.lines.length === 0 || selected?.address.countryCode !== 'PL') return [];
  return FAKE_SHOPIFY_RATES;
}

/** The selected option, if it is still offered. */
export const selectedRateOf = (cart: FakeCart) =>
  deliveryOptionsOf(cart).find((rate) => rate.handle === cart.selectedHandle);

/** Sum of the lines, and with the selected delivery. */
export function costOf(cart: FakeCart): { subtotal: Money; total: Money } {
  const subtotal = sum(
    cart.lines.map((l) => multiply(l.variant.price, l.quantity)),
    'PLN',
  );
  const delivery = selectedRateOf(cart)?.price ?? money(0);
  return { subtotal, total: sum([subtotal, delivery], 'PLN') };
}

interface LineInput {
  readonly merchandiseId?: unknown;
  readonly quantity?: unknown;
}

/** In-memory carts of one fake shop. */
export class FakeCartStore {
  readonly #carts = new Map<string, FakeCart>();
  #nextLine = 1;
  #nextGroup = 1;
  #nextAddress = 1;

  /**
   * @param pricingAnswers how many answers after a delivery address is added show no delivery
   *   groups yet (Shopify prices delivery for a new address asynchronously); 0 prices at once.
   */
  constructor(
    readonly shop: string,
    readonly pricingAnswers = 0,
    /** Units available per variant id; a variant not listed is never short. */
    readonly stock: Readonly<Record<number, number>> = {},
  ) {}

  #warnings: FakeCartWarning[] = [];

  /** The warnings the mutation collected, handed out once. */
  #takeWarnings(): readonly FakeCartWarning[] {
    const warnings = this.#warnings;
    this.#warnings = [];
    return warnings;
  }

  /** The cart with this id, unless it is unknown or already checked out. */
  get(id: string): FakeCart | undefined {
    const cart = this.#carts.get(id);
    return cart && !cart.completed ? cart : undefined;
  }

  /** Every cart, checked out or not (for tests). */
  all(): readonly FakeCart[] {
    return [...this.#carts.values()];
  }

  create(input: Record<string, unknown>): FakeCartResult {
    const token = `hWN${randomBytes(12).toString('hex')}`;
    const key = randomBytes(8).toString('hex');
    const now = new Date().toISOString();
    const cart: FakeCart = {
      id: `gid://shopify/Cart/${token}?key=${key}`,
      token,
      checkoutUrl: `https://${this.shop}/cart/c/${token}?key=${key}`,
      createdAt: now,
      updatedAt: now,
      lines: [],
      buyerIdentity: {},
      addresses: [],
      deliveryGroupId: `gid://shopify/CartDeliveryGroup/${this.#nextGroup++}`,
      attributes: [],
      completed: false,
      pricingAnswers: 0,
    };
    const lines = Array.isArray(input.lines) ? (input.lines as LineInput[]) : [];
    const added = this.#addLines(cart, lines, ['input', 'lines']);
    if (added) return added;
    if (input.buyerIdentity) {
      const refused = this.#setBuyerIdentity(cart, input.buyerIdentity as Record<string, unknown>, [
        'input',
        'buyerIdentity',
      ]);
      if (refused) return refused;
    }
    if (Array.isArray(input.attributes)) cart.attributes = attributesOf(input.attributes);
    this.#carts.set(cart.id, cart);
    return { cart, userErrors: [], warnings: this.#takeWarnings() };
  }

  linesAdd(cartId: string, lines: unknown): FakeCartResult {
    return this.#change(cartId, (cart) => this.#addLines(cart, Array.isArray(lines) ? lines : [], ['lines']));
  }

  linesUpdate(cartId: string, lines: unknown): FakeCartResult {
    return this.#change(cartId, (cart) => {
      const updates = Array.isArray(lines) ? (lines as { id?: unknown; quantity?: unknown }[]) : [];
      for (const [i, update] of updates.entries()) {
        const line = cart.lines.find((l) => l.id === update.id);
        if (!line) {
          return refuse(
            'INVALID_MERCHANDISE_LINE',
            ['lines', String(i), 'id'],
            'Merchandise line was not found in cart.',
          );
        }
        const quantity = Number(update.quantity);
        if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) {
          return refuse('INVALID', ['lines', String(i), 'quantity'], 'Quantity is invalid.');
        }
      }
      for (const update of updates) {
        const line = cart.lines.find((l) => l.id === update.id);
        if (line) line.quantity = Number(update.quantity);
      }
      cart.lines = cart.lines.filter((l) => l.quantity > 0);
      return undefined;
    });
  }

  buyerIdentityUpdate(cartId: string, buyerIdentity: unknown): FakeCartResult {
    return this.#change(cartId, (cart) =>
      this.#setBuyerIdentity(cart, (buyerIdentity ?? {}) as Record<string, unknown>, ['buyerIdentity']),
    );
  }

  deliveryAddressesAdd(cartId: string, addresses: unknown): FakeCartResult {
    return this.#change(cartId, (cart) => {
      const inputs = Array.isArray(addresses) ? (addresses as Record<string, unknown>[]) : [];
      if (cart.addresses.length + inputs.length > MAX_ADDRESSES) {
        return refuse(
          'TOO_MANY_DELIVERY_ADDRESSES',
          ['addresses'],
          'Too many delivery addresses on the cart.',
        );
      }
      const selectedCount =
        cart.addresses.filter((a) => a.selected).length + inputs.filter((a) => a.selected).length;
      if (selectedCount > 1) {
        return refuse(
          'ONLY_ONE_DELIVERY_ADDRESS_CAN_BE_SELECTED',
          ['addresses'],
          'Only one delivery address can be selected.',
        );
      }
      const parsed: FakeCart['addresses'] = [];
      for (const [i, input] of inputs.entries()) {
        const address = ((input.address as Record<string, unknown> | undefined)?.deliveryAddress ??
          undefined) as FakeDeliveryAddress | undefined;
        const at = ['addresses', String(i), 'address', 'deliveryAddress'];
        if (!address) return refuse('INVALID', at, 'Exactly one kind of delivery address is required.');
        if (address.countryCode === 'PL' && !POSTCODE_PL.test(address.zip ?? '')) {
          return refuse(
            'INVALID_ZIP_CODE_FOR_COUNTRY',
            [...at, 'zip'],
            'Enter a valid postal code for Poland.',
          );
        }
        parsed.push({
          id: `gid://shopify/CartSelectableAddress/${this.#nextAddress++}`,
          selected: input.selected === true,
          oneTimeUse: input.oneTimeUse === true,
          address: { ...address },
        });
      }
      cart.addresses.push(...parsed);
      cart.pricingAnswers = this.pricingAnswers;
      return undefined;
    });
  }

  selectedDeliveryOptionsUpdate(cartId: string, selections: unknown): FakeCartResult {
    return this.#change(cartId, (cart) => {
      const inputs = Array.isArray(selections)
        ? (selections as { deliveryGroupId?: unknown; deliveryOptionHandle?: unknown }[])
        : [];
      for (const [i, input] of inputs.entries()) {
        if (input.deliveryGroupId !== cart.deliveryGroupId || deliveryOptionsOf(cart).length === 0) {
          return refuse(
            'INVALID_DELIVERY_GROUP',
            ['selectedDeliveryOptions', String(i), 'deliveryGroupId'],
            'Delivery group was not found in cart.',
          );
        }
        if (!deliveryOptionsOf(cart).some((r) => r.handle === input.deliveryOptionHandle)) {
          return refuse(
            'INVALID_DELIVERY_OPTION',
            ['selectedDeliveryOptions', String(i), 'deliveryOptionHandle'],
            'Delivery option was not valid.',
          );
        }
        cart.selectedHandle = String(input.deliveryOptionHandle);
      }
      return undefined;
    });
  }

  /** Replaces the cart's whole attribute set, as Shopify does: a key left out is gone. */
  attributesUpdate(cartId: string, attributes: unknown): FakeCartResult {
    return this.#change(cartId, (cart) => {
      cart.attributes = attributesOf(Array.isArray(attributes) ? attributes : []);
      return undefined;
    });
  }

  #change(cartId: string, apply: (cart: FakeCart) => FakeCartResult | undefined): FakeCartResult {
    const cart = this.get(cartId);
    if (!cart) return noCart;
    this.#warnings = [];
    const refused = apply(cart);
    if (refused) return refused;
    cart.updatedAt = new Date().toISOString();
    return { cart, userErrors: [], warnings: this.#takeWarnings() };
  }

  #addLines(cart: FakeCart, inputs: readonly LineInput[], at: readonly string[]): FakeCartResult | undefined {
    for (const [i, input] of inputs.entries()) {
      const id = String(input.merchandiseId);
      if (!findVariant(id)) {
        return refuse(
          'INVALID',
          [...at, String(i), 'merchandiseId'],
          `The merchandise with id ${id} does not exist.`,
        );
      }
      const quantity = input.quantity === undefined ? 1 : Number(input.quantity);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
        return refuse('INVALID', [...at, String(i), 'quantity'], 'Quantity is invalid.');
      }
    }
    for (const input of inputs) {
      const variant = findVariant(String(input.merchandiseId)) as FakeShopifyVariant;
      const asked = input.quantity === undefined ? 1 : Number(input.quantity);
      const same = cart.lines.find((l) => l.variant.id === variant.id);
      const available = this.stock[variant.id] ?? Number.POSITIVE_INFINITY;
      const wanted = (same?.quantity ?? 0) + asked;
      const quantity = Math.min(wanted, available);
      if (quantity <= 0) {
        this.#warnings.push({
          code: 'MERCHANDISE_OUT_OF_STOCK',
          message: `${variant.title} is out of stock.`,
          target: same?.id ?? String(input.merchandiseId),
        });
        continue;
      }
      const line = same ?? { id: `gid://shopify/CartLine/${this.#nextLine++}`, variant, quantity: 0 };
      if (!same) cart.lines.push(line);
      line.quantity = quantity;
      if (quantity < wanted) {
        this.#warnings.push({
          code: 'MERCHANDISE_NOT_ENOUGH_STOCK',
          message: `Only ${available} items of ${variant.title} are available.`,
          target: line.id,
        });
      }
    }
    return undefined;
  }

  #setBuyerIdentity(
    cart: FakeCart,
    input: Record<string, unknown>,
    at: readonly string[],
  ): FakeCartResult | undefined {
    if (input.email !== undefined && !EMAIL.test(String(input.email))) {
      return refuse('INVALID', [...at, 'email'], 'Email is invalid');
    }
    if (input.countryCode !== undefined && !/^[A-Z]{2}$/.test(String(input.countryCode))) {
      return refuse('INVALID', [...at, 'countryCode'], 'Country code is invalid');
    }
    const next = { ...cart.buyerIdentity };
    if (typeof input.email === 'string') next.email = input.email;
    if (typeof input.phone === 'string') next.phone = input.phone;
    if (typeof input.countryCode === 'string') next.countryCode = input.countryCode;
    cart.buyerIdentity = next;
    return undefined;
  }
}

function attributesOf(input: readonly unknown[]): { key: string; value: string }[] {
  return input
    .map((a) => a as { key?: unknown; value?: unknown })
    .filter((a) => typeof a.key === 'string')
    .map((a) => ({ key: String(a.key), value: String(a.value ?? '') }));
}
