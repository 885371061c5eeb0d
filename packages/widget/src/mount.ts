/**
 * Puts the checkout into an element. Two roads (ARCHITECTURE.md, performance design):
 * - server-rendered: the element already holds a declarative shadow root with the markup and the
 *   state as JSON; the app hydrates it, keeping what the shopper typed and where the focus is;
 * - bare: an empty element; the checkout is fetched (one more round trip) and rendered.
 */
import type { CheckoutView } from '@kasa/core';
import { createElement } from 'react';
import { hydrate, render, unmountComponentAtNode } from 'react-dom';
import type { CommonOptions } from './bare-mount.ts';
import { type Controller, createController } from './controller/controller.ts';
import { initialState } from './controller/state.ts';
import { idbStorage, type ProgressStorage } from './controller/storage.ts';
import type { WidgetConfig, WidgetEventListener } from './controller/types.ts';
import { onFirstUse } from './first-use.ts';
import { App } from './ui/App.tsx';
import { loadErrorTexts, needsErrorTexts } from './ui/error-texts.ts';
import { loadRare, needsRare } from './ui/later.ts';
import { readTypedValues } from './ui/typed.ts';
import { loadWords } from './ui/words.ts';

/**
 * Experiments' options (payment and delivery order, the arms) come only with the server's first view,
 * as the server assigned them: a mount without it shows the defaults.
 */
type ServerAssigned = 'paymentOrder' | 'deliveryOrder' | 'experiments';

export interface MountOptions extends Partial<Omit<WidgetConfig, 'api' | ServerAssigned>> {
  readonly api: string;
  /** The storefront's cart reference: starts (or resumes) a checkout for it. */
  readonly cart?: string;
  /** An existing checkout id. */
  readonly checkout?: string;
  /**
   * The widget's stylesheet URL for the bare road (the browser bundle passes its own). The
   * server-rendered road already has the CSS inline, so it never downloads this.
   */
  readonly stylesheet?: string;
  readonly onEvent?: WidgetEventListener;
  /** Where progress is kept; defaults to IndexedDB, null keeps nothing. */
  readonly storage?: ProgressStorage | null;
  readonly fetch?: typeof fetch;
}

export interface Mounted {
  readonly controller: Controller;
  unmount(): void;
}

export const configFrom = (options: MountOptions, base?: WidgetConfig): WidgetConfig => ({
  ...base,
  api: options.api || base?.api || '',
  layout: options.layout ?? base?.layout ?? 'one-page',
  locale: options.locale ?? base?.locale ?? 'pl',
  ...(options.termsUrl ? { termsUrl: options.termsUrl } : {}),
  ...(options.privacyUrl ? { privacyUrl: options.privacyUrl } : {}),
  ...(options.accountUrl ? { accountUrl: options.accountUrl } : {}),
  ...(options.geowidget ? { geowidget: options.geowidget } : {}),
});

export function start(
  host: HTMLElement,
  root: HTMLElement,
  controller: Controller,
  server: boolean,
): Mounted {
  (server ? hydrate : render)(createElement(App, { controller }), root);
  // A mark for the page (and the browser tests) that the checkout now runs its script.
  host.setAttribute('data-hydrated', '');
  // The later views and the error texts come once the form is in use, so a choice or a press never
  // waits for them.
  onFirstUse(() => {
    void loadRare().catch(() => undefined);
    void loadErrorTexts().catch(() => undefined);
  });
  return {
    controller,
    unmount() {
      controller.dispose();
      unmountComponentAtNode(root);
    },
  };
}

/**
 * Resolves once the page has been parsed. The script is `async`, so on a slow network it often
 * arrives while the phone is still parsing and laying out the server's form: hydrating then would
 * take the main thread from it, and the e-mail field would accept typing later.
 */
const pageParsed = (): Promise<void> =>
  document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
    : Promise.resolve();

/**
 * @example
 * const { controller } = await mount(document.querySelector('#checkout'), { api: 'https://kasa.example.pl', cart: 'abc' });
 */
export async function mount(element: HTMLElement, options: MountOptions): Promise<Mounted> {
  const storage = options.storage === null ? undefined : (options.storage ?? idbStorage());
  const common: CommonOptions = { storage, onEvent: options.onEvent, fetch: options.fetch, loadWords };
  const rendered = element.shadowRoot?.getElementById('kasa-root');
  const data = element.shadowRoot?.getElementById('kasa-state')?.textContent;
  if (rendered && data) {
    const { view, config: serverConfig } = JSON.parse(data) as { view: CheckoutView; config: WidgetConfig };
    // The server's layout and language win: hydrating other markup than it rendered would lose the typing.
    const config = {
      ...configFrom(options, serverConfig),
      layout: serverConfig.layout,
      locale: serverConfig.locale,
    };
    // English words, the later views and the error texts come in chunks of their own: a first view
    // that shows them, or a choice made before the script ran would, waits for them (what was typed
    // meanwhile is read after). Hydrating without them would redraw.
    // A chunk that does not come is no reason to leave the form without its script: the words fall
    // back to Polish, and the later view or the error text comes with the next render.
    await pageParsed();
    const before = initialState(view, config, readTypedValues(rendered));
    await Promise.all(
      [
        loadWords(config.locale),
        needsRare(before, config) && loadRare(),
        needsErrorTexts(before) && loadErrorTexts(),
      ].map((p) => Promise.resolve(p).catch(() => undefined)),
    );
    // Hydrating in a task of its own lets the browser take a key or a frame in between.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const state = initialState(view, config, readTypedValues(rendered));
    return start(element, rendered, createController({ state, config, ...common }), true);
  }
  // The bare road (an empty element: one more round trip for the view) is a chunk of its own: the
  // server-rendered checkout page never downloads it.
  const { mountBare } = await import('./bare-mount.ts');
  return mountBare(element, options, common);
}
