/**
 * Renders the theme app block with liquidjs, standing in for Shopify's Liquid: the `t` filter reads
 * the extension's locales, `asset_url` gives a CDN-like URL, and `{% schema %}` is left out of the
 * markup as Shopify does. For tests and a local preview; Shopify renders the real thing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Liquid, type TagToken, type TopLevelToken } from 'liquidjs';

const EXTENSION = fileURLToPath(new URL('../extensions/kasa-checkout-block/', import.meta.url));
export const BLOCK_FILE = `${EXTENSION}blocks/kasa-checkout.liquid`;
export const ASSET_ROOT = 'https://cdn.shopify.com/extensions/0000-kasa/assets/';

export type BlockLocale = 'en' | 'pl';

export interface BlockInput {
  readonly settings: Readonly<Record<string, string>>;
  readonly cart: { readonly item_count: number };
  readonly locale?: BlockLocale;
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(`${EXTENSION}locales/${name}`, 'utf8'));

/** A locale's storefront texts (`en.default.json` is English). */
export const localeTexts = (locale: BlockLocale): unknown =>
  readJson(locale === 'en' ? 'en.default.json' : 'pl.json');

/** A locale's theme-editor texts (`*.schema.json`). */
export const schemaTexts = (locale: BlockLocale): unknown =>
  readJson(locale === 'en' ? 'en.default.schema.json' : 'pl.schema.json');

/** The value at a dotted key, when it is text. */
export function lookup(texts: unknown, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<unknown>(
      (at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined),
      texts,
    );
  return typeof value === 'string' ? value : undefined;
}

/** The block's `{% schema %}` JSON. */
export function blockSchema(): { settings: { id: string; label: string }[]; name: string } {
  const source = readFileSync(BLOCK_FILE, 'utf8');
  const json = /\{%\s*schema\s*%\}([\s\S]*?)\{%\s*endschema\s*%\}/.exec(source)?.[1];
  if (!json) throw new Error('the block has no schema');
  return JSON.parse(json);
}

function engine(locale: BlockLocale): Liquid {
  const liquid = new Liquid({ strictFilters: true });
  const texts = localeTexts(locale);
  liquid.registerFilter('t', (key: string) => lookup(texts, key) ?? `translation missing: ${key}`);
  liquid.registerFilter('asset_url', (name: string) => `${ASSET_ROOT}${name}`);
  liquid.registerTag('schema', {
    parse(_token: TagToken, remaining: TopLevelToken[]) {
      // Shopify reads the schema; it is never output.
      while (remaining.length) {
        const next = remaining.shift() as TopLevelToken & { name?: string };
        if (next.name === 'endschema') return;
      }
    },
    render: () => '',
  });
  return liquid;
}

/**
 * The block's HTML for some settings and cart.
 *
 * @example await renderBlock({ settings: { kasa_server_url: 'https://kasa.example.pl', shop_id: 'demo' }, cart: { item_count: 1 } });
 */
export async function renderBlock(input: BlockInput): Promise<string> {
  const locale = input.locale ?? 'pl';
  return engine(locale).parseAndRender(readFileSync(BLOCK_FILE, 'utf8'), {
    block: { settings: input.settings, shopify_attributes: 'data-shopify-editor-block="{}"' },
    cart: input.cart,
    request: { locale: { iso_code: locale } },
  });
}
