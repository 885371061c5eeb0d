import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ASSET_ROOT,
  BLOCK_FILE,
  blockSchema,
  localeTexts,
  lookup,
  renderBlock,
  schemaTexts,
} from '../../../examples/shopify-app/theme/render-block.ts';

const settings = { kasa_server_url: 'https://kasa.example.pl', shop_id: 'herbaciarnia', button_label: '' };
const cart = { item_count: 3 };

/** The button's attributes, parsed from the rendered markup. */
function buttonAttributes(html: string): Record<string, string> {
  const tag = /<button([\s\S]*?)>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? '']));
}

/** Every dotted key of a locale file. */
const keys = (texts: unknown, prefix = ''): string[] =>
  Object.entries(texts as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === 'object' && value ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe("the cart page's Kasa block (theme app extension)", () => {
  it("renders the button with Kasa's server, shop and language, and loads the loader from the extension's assets", async () => {
    const html = await renderBlock({ settings, cart, locale: 'pl' });
    expect(buttonAttributes(html)).toMatchObject({
      type: 'button',
      'data-kasa-open': '',
      'data-kasa-server': 'https://kasa.example.pl',
      'data-kasa-shop': 'herbaciarnia',
      'data-kasa-lang': 'pl',
      'data-kasa-items': '3',
    });
    expect(buttonAttributes(html)).not.toHaveProperty('disabled');
    expect(html).toContain(`<script src="${ASSET_ROOT}kasa-loader.js" defer></script>`);
    expect(html).toContain('Wybierz dostawę i przejdź do kasy');
    expect(html).toContain('data-shopify-editor-block');
    expect(html).not.toContain('schema');
  });

  it("uses the shopper's language for the default texts and the merchant's label when set", async () => {
    const english = await renderBlock({ settings, cart, locale: 'en' });
    expect(english).toContain('Choose delivery and check out');
    expect(english).toContain('Pick an InPost locker');
    const labelled = await renderBlock({ settings: { ...settings, button_label: 'Do kasy' }, cart });
    expect(labelled).toMatch(/>\s*Do kasy\s*<\/button>/);
  });

  it('escapes what the merchant typed into the settings', async () => {
    const html = await renderBlock({
      settings: {
        kasa_server_url: 'https://kasa.example.pl/"><script>alert(1)</script>',
        shop_id: 'demo',
        button_label: '<img src=x onerror=alert(1)>',
      },
      cart,
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(buttonAttributes(html)['data-kasa-server']).toBe(
      'https://kasa.example.pl/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('disables the button for an empty cart and renders nothing until the server and shop are set', async () => {
    expect(buttonAttributes(await renderBlock({ settings, cart: { item_count: 0 } }))).toHaveProperty(
      'disabled',
    );
    expect((await renderBlock({ settings: { ...settings, kasa_server_url: '' }, cart })).trim()).toBe('');
    expect((await renderBlock({ settings: { ...settings, shop_id: '  ' }, cart })).trim()).toBe('');
  });

  it('holds no secret: its settings are public values only, and neither the block nor the loader carries a token', () => {
    expect(blockSchema().settings.map((setting) => setting.id)).toEqual([
      'kasa_server_url',
      'shop_id',
      'button_label',
    ]);
    const loader = readFileSync(
      new URL(
        '../../../examples/shopify-app/extensions/kasa-checkout-block/assets/kasa-loader.js',
        import.meta.url,
      ),
      'utf8',
    );
    for (const text of [readFileSync(BLOCK_FILE, 'utf8'), loader]) {
      expect(text).not.toMatch(/shpat_|shpss_|shpca_|access[_-]?token|secret|X-Shopify-Storefront/i);
    }
  });

  it('has every text in Polish and English, and every t: label of the schema in both schema locales', () => {
    expect(keys(localeTexts('pl')).sort()).toEqual(keys(localeTexts('en')).sort());
    expect(keys(schemaTexts('pl')).sort()).toEqual(keys(schemaTexts('en')).sort());
    const schema = JSON.stringify(blockSchema());
    const references = [...schema.matchAll(/"t:([\w.]+)"/g)].map((m) => m[1] ?? '');
    expect(references.length).toBeGreaterThan(5);
    for (const key of references) {
      expect(lookup(schemaTexts('pl'), key), key).toBeTruthy();
      expect(lookup(schemaTexts('en'), key), key).toBeTruthy();
    }
  });
});
