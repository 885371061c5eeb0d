/**
 * The fake shop's data as Shoper's REST webapi shows it: the demo catalogue Kasa's sandbox sells
 * (same names, gross prices and VAT rates), one product with variants, taxes, PLN and EUR, order
 * statuses of the four types, payment methods and shipping methods. Shapes follow the SDK types
 * (src/Rest/Types/*.php in mkasprz/shoper-sdk-php): catalogue fields as numbers and booleans,
 * the older resources (shippings, payments, currencies) with strings and "0"/"1" flags as the SDK types them.
 */

/** A stock the shop sells: a product's own stock, or one of its variants. */
export interface FakeStock {
  readonly stockId: number;
  readonly productId: number;
  /** A variant (`extended`), not the product's own stock. */
  readonly variant: boolean;
  /** The variant's option label, e.g. `mielona`. */
  readonly option?: string;
  code: string;
  /** Gross PLN grosze: the own price (price_type 1), or the difference (2 added, 3 subtracted). */
  price: number;
  /** 0 product's price, 1 own price, 2 added to, 3 subtracted from the product's price. */
  priceType: 0 | 1 | 2 | 3;
  active: boolean;
  quantity: number;
}

export interface FakeProductRecord {
  readonly productId: number;
  readonly name: string;
  readonly taxId: number;
  readonly vatRate: number;
  /** The product's own stock; for a product with variants the base the variants' prices refer to. */
  readonly main: FakeStock;
  readonly variants: FakeStock[];
}

export const TAXES = [
  { tax_id: 1, value: 23, name: '23%', class: 'VAT 23%' },
  { tax_id: 2, value: 8, name: '8%', class: 'VAT 8%' },
  { tax_id: 3, value: 5, name: '5%', class: 'VAT 5%' },
  { tax_id: 4, value: 0, name: '0%', class: 'VAT 0%' },
] as const;

const taxIdOf = (rate: number) => TAXES.find((t) => t.value === rate)?.tax_id ?? 1;

const simple = (
  productId: number,
  stockId: number,
  code: string,
  name: string,
  grosze: number,
  vatRate: number,
  quantity = 100,
) => ({
  productId,
  name,
  vatRate,
  taxId: taxIdOf(vatRate),
  main: {
    stockId,
    productId,
    variant: false,
    code,
    price: grosze,
    priceType: 1 as const,
    active: true,
    quantity,
  },
  variants: [] as FakeStock[],
});

/** A fresh copy of the demo catalogue (the fake changes prices and stock in it). */
export function seedProducts(): FakeProductRecord[] {
  const brazil = simple(12, 102, 'KAWA-BRA-500', 'Kawa Brazylia Santos 500 g', 5490, 23);
  brazil.variants.push(
    {
      stockId: 201,
      productId: 12,
      variant: true,
      option: 'ziarnista',
      code: 'KAWA-BRA-500-Z',
      price: 0,
      priceType: 0,
      active: true,
      quantity: 40,
    },
    {
      stockId: 202,
      productId: 12,
      variant: true,
      option: 'mielona',
      code: 'KAWA-BRA-500-M',
      price: 200,
      priceType: 2,
      active: true,
      quantity: 40,
    },
  );
  return [
    simple(11, 101, 'KAWA-ETI-250', 'Kawa ziarnista Etiopia Yirgacheffe 250 g', 4990, 23),
    brazil,
    simple(13, 103, 'HERB-SEN-100', 'Herbata zielona Sencha 100 g', 2490, 23),
    simple(14, 104, 'CZEK-70-100', 'Czekolada gorzka 70% 100 g', 1290, 8),
    simple(15, 105, 'PIERN-TOR-200', 'Pierniki toruńskie w czekoladzie 200 g', 1890, 8),
    simple(16, 106, 'KROWKI-250', 'Krówki mleczne 250 g', 990, 8),
    simple(17, 107, 'KUBEK-350', 'Kubek ceramiczny 350 ml', 3900, 23),
    simple(18, 108, 'DRIP-V60', 'Drip ceramiczny V60', 8900, 23),
    simple(19, 109, 'MLYNEK-RECZNY', 'Młynek ręczny do kawy', 15900, 23, 2),
    simple(20, 110, 'KSIAZKA-KAWA', 'Książka „Kawa. Od ziarna do filiżanki”', 5990, 5),
  ];
}

/**
 * The gross unit price of a stock in grosze, as the storefront shows it.
 *
 * @example unitPrice(brazil, brazil.variants[1]); // 5690
 */
export function unitPrice(product: FakeProductRecord, stock: FakeStock): number {
  const base = product.main.price;
  if (stock === product.main) return base;
  switch (stock.priceType) {
    case 0:
      return base;
    case 2:
      return base + stock.price;
    case 3:
      return base - stock.price;
    default:
      return stock.price;
  }
}

const pln = (grosze: number) => grosze / 100;

/** GET /product-stocks item (SDK ProductStock). */
export const stockJson = (stock: FakeStock) => ({
  stock_id: stock.stockId,
  product_id: stock.productId,
  extended: stock.variant,
  price: pln(stock.price),
  price_type: stock.priceType,
  active: stock.active,
  default: !stock.variant,
  stock: stock.quantity,
  warn_level: 0,
  sold: 0,
  code: stock.code,
  ean: '',
  weight: 0.5,
  ...(stock.option === undefined ? {} : { options: [{ option_id: 1, value_id: stock.stockId }] }),
});

/** GET /products item (SDK Product). */
export const productJson = (product: FakeProductRecord) => ({
  product_id: product.productId,
  type: 0,
  category_id: 1,
  unit_id: 1,
  tax_id: product.taxId,
  code: product.main.code,
  pkwiu: '',
  ean: '',
  add_date: '2026-11-02 09:00:00',
  edit_date: '2026-11-20 14:30:00',
  translations: {
    pl_PL: { name: product.name, short_description: '', active: product.main.active, lang_id: 1 },
  },
  stock: stockJson(product.main),
  options: product.variants.map((v) => v.stockId),
});

export const CURRENCIES = [
  { currency_id: '1', name: 'PLN', active: '1', default: '1', rate: '1.0000', order: '0' },
  { currency_id: '2', name: 'EUR', active: '1', default: '0', rate: '4.2500', order: '1' },
];

/** Order statuses; `type` 1 new, 2 opened, 3 closed, 4 not completed (SDK Status). */
export const STATUSES = [
  { status_id: 1, type: 1, name: 'Złożone', default: 1 },
  { status_id: 2, type: 2, name: 'Przyjęte do realizacji', default: 0 },
  { status_id: 3, type: 2, name: 'Opłacone', default: 0 },
  { status_id: 4, type: 3, name: 'Wysłane', default: 0 },
  { status_id: 5, type: 4, name: 'Anulowane', default: 0 },
  { status_id: 6, type: 1, name: 'Oczekuje na płatność', default: 0 },
].map(({ name, ...s }) => ({
  ...s,
  active: 1,
  order: s.status_id,
  color: '#888888',
  translations: { pl_PL: { name } },
}));

/** Payment methods: a prepaid "Kasa" method (an external one), cash on delivery, a bank transfer. */
export const PAYMENTS = [
  { payment_id: '1', name: 'transfer', title: 'Przelew tradycyjny' },
  { payment_id: '2', name: 'cod', title: 'Płatność przy odbiorze' },
  { payment_id: '3', name: 'external', title: 'Kasa (BLIK, przelew)' },
].map(({ title, ...p }) => ({
  ...p,
  order: p.payment_id,
  currencies: ['1'],
  translations: { pl_PL: { title, active: '1', lang_id: '1' } },
}));

export const PAYMENT_IDS = { prepaid: 3, cod: 2, transfer: 1 } as const;
export const STATUS_IDS = { unpaid: 6, paid: 3, cancelled: 5 } as const;

const shipping = (
  id: number,
  name: string,
  cost: string,
  engine: string | null,
  active: boolean,
  freeFrom = '0.00',
) => ({
  shipping_id: String(id),
  name,
  cost,
  free_shipping: freeFrom,
  depend_on_w: '0',
  min_cost: '0.00',
  max_cost: '0.00',
  engine,
  active: active ? '1' : '0',
  is_default: id === 1 ? '1' : '0',
  tax_id: '1',
  zone_id: '1',
  order: String(id),
  countries: { PL: 'PL' },
  payments: PAYMENTS.map((p) => ({ payment_id: p.payment_id })),
  translations: { pl_PL: { name, description: '', active: active ? '1' : '0', lang_id: '1' } },
});

/** Shipping methods: an InPost locker, a courier (free from 250 zł), pickup in person, an inactive one. */
export const SHIPPINGS = [
  shipping(1, 'InPost Paczkomaty 24/7', '12.99', 'paczkomaty', true),
  shipping(2, 'Kurier DPD', '16.99', null, true, '250.00'),
  shipping(3, 'Odbiór osobisty w Krakowie', '0.00', 'personal', true),
  shipping(4, 'Poczta Polska Pocztex', '14.50', 'pocztaPolska', false),
];
