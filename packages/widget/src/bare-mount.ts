/**
 * The bare road: an empty `<kasa-checkout>` (no server-rendered first view). The checkout is fetched,
 * or started for the cart, and rendered with the widget's own stylesheet linked. A chunk of its own:
 * the server-rendered checkout page never downloads it.
 */
import { type CheckoutView, isErrorCode } from '@kasa/core';
import { type Api, ApiError, createApi } from './controller/api.ts';
import { type ControllerOptions, createController } from './controller/controller.ts';
import { initialState } from './controller/state.ts';
import { cartKey, type ProgressStorage } from './controller/storage.ts';
import { configFrom, type Mounted, type MountOptions, start } from './mount.ts';
import { loadErrorTexts, needsErrorTexts } from './ui/error-texts.ts';
import { loadRare, needsRare } from './ui/later.ts';
import { errorTextsFor, loadWords, wordsFor } from './ui/words.ts';

/** What both roads pass to the controller besides its state and config. */
export type CommonOptions = Omit<ControllerOptions, 'state' | 'config'>;

function addStylesheet(shadow: ShadowRoot, href: string): void {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  shadow.append(link);
}

/** The checkout for this page: the given id, the one started earlier for this cart, or a new one. */
async function loadView(
  api: Api,
  options: MountOptions,
  storage: ProgressStorage | undefined,
): Promise<CheckoutView> {
  const remembered = options.cart
    ? await storage?.get(cartKey(options.cart)).catch(() => undefined)
    : undefined;
  const id = options.checkout ?? (typeof remembered === 'string' ? remembered : undefined);
  if (id) {
    try {
      return await api.get(id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404 && options.cart)) throw error;
    }
  }
  if (!options.cart) throw new ApiError('checkout_not_found', 404);
  const view = await api.create(options.cart);
  await storage?.set(cartKey(options.cart), view.id).catch(() => undefined);
  return view;
}

/** Renders the checkout into an element without a server-rendered first view. */
export async function mountBare(
  element: HTMLElement,
  options: MountOptions,
  common: CommonOptions,
): Promise<Mounted> {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  if (options.stylesheet) addStylesheet(shadow, options.stylesheet);
  const root = document.createElement('div');
  root.id = 'kasa-root';
  shadow.append(root);
  const config = configFrom(options);
  const api = createApi(
    config.api,
    () => config.locale,
    options.fetch ?? ((...args) => globalThis.fetch(...args)),
  );
  try {
    const [view] = await Promise.all([
      loadView(api, options, common.storage),
      loadWords(config.locale).catch(() => undefined),
    ]);
    const first = initialState(view, config);
    await Promise.all([
      needsRare(first, config) && loadRare().catch(() => undefined),
      needsErrorTexts(first) && loadErrorTexts().catch(() => undefined),
    ]);
    return start(
      element,
      root,
      createController({ state: initialState(view, config), config, ...common }),
      false,
    );
  } catch (error) {
    const code = error instanceof ApiError && isErrorCode(error.code) ? error.code : 'internal';
    root.innerHTML = '';
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    await loadErrorTexts().catch(() => undefined);
    // Offline, the texts may not come: the general words are better than a blank.
    message.textContent = errorTextsFor(config.locale)?.[code] ?? wordsFor(config.locale).t.problem;
    root.append(message);
    throw error;
  }
}
