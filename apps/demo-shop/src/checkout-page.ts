import { html, layout, raw } from './html.ts';

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
  const body = html`<h1>Kasa</h1>
${raw(input.fragment)}
<p class="hint">Układ kasy: ${input.layoutName ?? 'wybrany przez test A/B'}. Podgląd:
<a href="${base}&layout=one-page">jedna strona</a> · <a href="${base}&layout=multi-step">kroki</a></p>
<p><a href="/">Wróć do sklepu</a></p>`;
  return layout({ title: 'Kasa', nonce: input.nonce, body });
}
