import { type Money, money } from '@kasa/core';

/** A product of the demo shop. Prices are gross (VAT included), as Polish consumer prices are. */
export interface Product {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** Gross price of one unit in grosze. */
  readonly unitPrice: Money;
  readonly vatRate: number;
  /** An inline SVG data URL, so the demo needs no network. */
  readonly imageUrl?: string;
}

/** A tile with the product's initial: tiny enough for the 2000-character `imageUrl` limit. */
function tile(colour: string, label: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="8" fill="${colour}"/>` +
    `<text x="32" y="42" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#fff">${label}</text>` +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

interface Row {
  id: string;
  slug: string;
  name: string;
  description: string;
  grosze: number;
  vatRate: number;
  colour?: string;
}

// VAT rates follow the Polish matrix as far as a demo needs (books 5%, sweets 8%, coffee, tea and
// goods 23%); they illustrate mixed-rate carts and are not tax advice.
const rows: readonly Row[] = [
  {
    id: 'kawa-etiopia-250',
    slug: 'kawa-ziarnista-etiopia-yirgacheffe-250-g',
    name: 'Kawa ziarnista Etiopia Yirgacheffe 250 g',
    description: 'Jasno palona arabika z nutą jaśminu, bergamotki i cytrusów. Idealna do dripa.',
    grosze: 4990,
    vatRate: 23,
    colour: '#6b4f3a',
  },
  {
    id: 'kawa-brazylia-500',
    slug: 'kawa-mielona-brazylia-santos-500-g',
    name: 'Kawa mielona Brazylia Santos 500 g',
    description: 'Średnio palona, czekoladowo-orzechowa. Mielona pod kawiarkę i ekspres przelewowy.',
    grosze: 5490,
    vatRate: 23,
    colour: '#4a3426',
  },
  {
    id: 'herbata-sencha-100',
    slug: 'herbata-zielona-sencha-100-g',
    name: 'Herbata zielona Sencha 100 g',
    description: 'Japońska herbata liściasta o trawiastym, lekko słodkim smaku. Parzyć w 75°C.',
    grosze: 2490,
    vatRate: 23,
    colour: '#5b8c3a',
  },
  {
    id: 'czekolada-gorzka-100',
    slug: 'czekolada-gorzka-70-100-g',
    name: 'Czekolada gorzka 70% 100 g',
    description: 'Rzemieślnicza czekolada z ziaren z Ekwadoru, bez dodatku lecytyny.',
    grosze: 1290,
    vatRate: 8,
    colour: '#3b2418',
  },
  {
    id: 'pierniki-torunskie-200',
    slug: 'pierniki-torunskie-w-czekoladzie-200-g',
    name: 'Pierniki toruńskie w czekoladzie 200 g',
    description: 'Miękkie pierniki z nadzieniem śliwkowym, oblane deserową czekoladą.',
    grosze: 1890,
    vatRate: 8,
    colour: '#8a5a2b',
  },
  {
    id: 'krowki-250',
    slug: 'krowki-mleczne-250-g',
    name: 'Krówki mleczne 250 g',
    description: 'Tradycyjne ciągutki z mleka i masła, zawijane ręcznie.',
    grosze: 990,
    vatRate: 8,
    colour: '#c9a66b',
  },
  {
    id: 'kubek-350',
    slug: 'kubek-ceramiczny-350-ml',
    name: 'Kubek ceramiczny 350 ml',
    description: 'Ręcznie szkliwiony kubek z polskiej pracowni ceramiki. Można myć w zmywarce.',
    grosze: 3900,
    vatRate: 23,
    colour: '#2f6f8f',
  },
  {
    id: 'drip-v60',
    slug: 'drip-ceramiczny-v60',
    name: 'Drip ceramiczny V60',
    description: 'Stożkowy zaparzacz do kawy przelewowej na 1–4 filiżanki.',
    grosze: 8900,
    vatRate: 23,
    colour: '#b0413e',
  },
  {
    id: 'mlynek-reczny',
    slug: 'mlynek-reczny-do-kawy',
    name: 'Młynek ręczny do kawy',
    description: 'Stalowe żarna stożkowe, regulacja grubości mielenia od espresso do french press.',
    grosze: 15900,
    vatRate: 23,
    colour: '#555555',
  },
  {
    id: 'ksiazka-kawa',
    slug: 'ksiazka-kawa-od-ziarna-do-filizanki',
    name: 'Książka „Kawa. Od ziarna do filiżanki”',
    description: 'Przewodnik po odmianach, paleniu i metodach parzenia. Oprawa twarda, 240 stron.',
    grosze: 5990,
    vatRate: 5,
  },
];

/** The demo catalogue, in PLN. */
export const catalogue: readonly Product[] = rows.map(
  ({ colour, grosze, ...rest }): Product => ({
    ...rest,
    unitPrice: money(grosze, 'PLN'),
    ...(colour === undefined ? {} : { imageUrl: tile(colour, rest.name.charAt(0)) }),
  }),
);

const byId = new Map(catalogue.map((p) => [p.id, p]));

/** The product with this id, or `undefined`. */
export const findProduct = (id: string): Product | undefined => byId.get(id);
