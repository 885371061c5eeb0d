/** @jsxRuntime automatic @jsxImportSource react */
import { readFileSync } from 'node:fs';
import { type CheckoutView, shopperMessagesPl } from '@kasa/core';
import { renderToString } from 'preact-render-to-string';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig } from '../controller/types.ts';
import { App } from '../ui/App.tsx';
import { provideErrorTexts } from '../ui/error-texts.ts';
import { provideRare } from '../ui/later.ts';
import { words as english } from '../ui/messages-en.ts';
import * as rare from '../ui/rare.tsx';
import { provideWords } from '../ui/words.ts';

// The server renders either language, every view and every error text at once; the browser fetches
// English, the later views and the Polish error texts only when they are wanted.
provideWords('en', english);
provideRare(rare);
provideErrorTexts(shopperMessagesPl);

const CSS = readFileSync(new URL('../ui/styles.css', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .trim();

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** JSON that is safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface FragmentInput {
  readonly view: CheckoutView;
  readonly config: WidgetConfig;
  /** Absolute URL of the widget script (content-hashed, cached for a year). */
  readonly scriptUrl: string;
  /**
   * The tracker's script URL, which the widget fetches once the form is in use (its first
   * interaction, the page hidden, or a quiet spell); without it the widget's events stay in the page.
   */
  readonly trackerUrl?: string;
  /** The shop the events belong to. */
  readonly shopId: string;
  /** The host page's CSP nonce, if it uses one, for the inline style and script. */
  readonly nonce?: string;
}

/**
 * The checkout's first view, rendered on the server into a declarative shadow root, with the data
 * already in it: the shopper can type before any script runs, and the script, when it arrives,
 * hydrates the same markup (see ARCHITECTURE.md, performance design).
 */
export function renderCheckoutFragment({
  view,
  config,
  scriptUrl,
  trackerUrl,
  shopId,
  nonce,
}: FragmentInput): string {
  const controller = createController({ state: initialState(view, config), config, ssr: true });
  const markup = renderToString(<App controller={controller} />);
  const nonceAttribute = nonce ? ` nonce="${escapeAttribute(nonce)}"` : '';
  const attributes = [
    `api="${escapeAttribute(config.api)}"`,
    `checkout="${escapeAttribute(view.id)}"`,
    `shop="${escapeAttribute(shopId)}"`,
    `layout="${config.layout}"`,
    `lang="${config.locale}"`,
    ...(trackerUrl ? [`tracker="${escapeAttribute(trackerUrl)}"`] : []),
  ].join(' ');
  return [
    `<kasa-checkout ${attributes}><template shadowrootmode="open">`,
    `<style${nonceAttribute}>${CSS}</style>`,
    `<div id="kasa-root">${markup}</div>`,
    `<script type="application/json" id="kasa-state">${scriptJson({ view, config })}</script>`,
    '</template></kasa-checkout>',
    `<script type="module" src="${escapeAttribute(scriptUrl)}" async${nonceAttribute}></script>`,
  ].join('');
}
