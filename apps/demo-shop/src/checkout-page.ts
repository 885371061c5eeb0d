import { html, layout, raw } from './html.ts';

/** The layouts' names as the shop's Polish pages call them. */
const LAYOUT_NAMES: Readonly<Record<string, string>> = {
  'one-page': 'jedna strona',
  'multi-step': 'kroki',
};

/** The layout Kasa rendered, from the fragment's `<kasa-checkout layout="…">`. */
const renderedLayout = (fragment: string) => /<kasa-checkout[^>]*\slayout="([^"]*)"/.exec(fragment)?.[1];

/**
 * The checkout page: Kasa's widget, rendered by the Kasa server into a declarative shadow root and
 * placed here as is, so the form is usable before its script arrives.
 */
export function renderCheckoutPage(input: {
  fragment: string;
  nonce: string;
  cartRef: string;
  /** A layout forced for a preview; without it Kasa's layout experiment chose one. */
  layoutName?: string;
}): string {
  const base = `/kasa?cart=${encodeURIComponent(input.cartRef)}`;
  const forced = input.layoutName && LAYOUT_NAMES[input.layoutName];
  const chosen = LAYOUT_NAMES[renderedLayout(input.fragment) ?? ''];
  const note = forced
    ? `${forced} (podgląd)`
    : chosen
      ? `${chosen} (wybrany przez test A/B)`
      : 'wybrany przez test A/B';
  const body = html`<h1>Kasa</h1>
${raw(input.fragment)}
<p class="hint">Układ kasy: ${note}. Podgląd:
<a href="${base}&layout=one-page">jedna strona</a> · <a href="${base}&layout=multi-step">kroki</a></p>
<p><a href="/">Wróć do sklepu</a></p>`;
  return layout({ title: 'Kasa', nonce: input.nonce, body });
}
