/// <reference types="vite/client" />
/**
 * The browser bundle's entry: defines `<kasa-checkout api cart checkout layout lang>` and exports
 * `mount`. The CSS is a separate, content-hashed file that only the bare road (no server-rendered
 * shadow root, which has the CSS inline) loads. Kasa's tracker, named by the element's `tracker`
 * attribute, is fetched only once the form is in use (tracker-loader.ts).
 */
import { type Mounted, type MountOptions, mount as mountWith } from './mount.ts';
import { loadTrackerLater } from './tracker-loader.ts';
import stylesheet from './ui/styles.css?url';

export type { Mounted, MountOptions } from './mount.ts';

/** Mounts the checkout into an element (linking the widget's own stylesheet). */
export const mount = (element: HTMLElement, options: MountOptions): Promise<Mounted> =>
  mountWith(element, { stylesheet, ...options });

const layoutOf = (value: string | null) =>
  value === 'multi-step' ? 'multi-step' : value === 'one-page' ? 'one-page' : undefined;

/** Options from the element's attributes; a shop or an experiment may pass a layout assignment. */
export function optionsFromAttributes(element: HTMLElement): MountOptions {
  const get = (name: string) => element.getAttribute(name) ?? undefined;
  const token = get('geowidget-token');
  return {
    api: get('api') ?? '',
    cart: get('cart'),
    checkout: get('checkout'),
    layout: layoutOf(element.getAttribute('layout')),
    locale: get('lang')?.toLowerCase().startsWith('en') ? 'en' : 'pl',
    termsUrl: get('terms-url'),
    privacyUrl: get('privacy-url'),
    accountUrl: get('account-url'),
    ...(token
      ? {
          geowidget: {
            token,
            config: get('geowidget-config'),
            sandbox: element.hasAttribute('geowidget-sandbox'),
          },
        }
      : {}),
    // Events go to the page as DOM events for the shop, and into `window.kasa.q` for Kasa's tracker,
    // which loads after the first events (it drains the queue when it starts). Each goes in a
    // task of its own, so listeners never lengthen the task that answers the shopper's input; only
    // the abandon, sent while the page is being hidden, goes at once.
    onEvent: (event, context) => {
      const deliver = () => {
        element.dispatchEvent(
          new CustomEvent('kasa:event', { detail: event, bubbles: true, composed: true }),
        );
        const page = window as unknown as { kasa?: { q?: { push(item: unknown): unknown } } };
        page.kasa ??= {};
        page.kasa.q ??= [] as unknown[];
        page.kasa.q.push({ shopId: get('shop'), ...context, event });
      };
      if (event.name === 'checkout_abandon') deliver();
      else setTimeout(deliver, 0);
    },
  };
}

/** Registers `<kasa-checkout>` once. Safe to call again. */
export function defineKasaCheckout(name = 'kasa-checkout'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(
    name,
    class KasaCheckout extends HTMLElement {
      private mounted: Promise<Mounted | undefined> | undefined;

      connectedCallback(): void {
        // The tracker (its URL in the `tracker` attribute) comes once the form is in use, not before.
        this.mounted ??= mount(this, optionsFromAttributes(this))
          .catch(() => undefined)
          .finally(() => {
            const tracker = this.getAttribute('tracker');
            if (tracker) loadTrackerLater(tracker);
          });
      }

      disconnectedCallback(): void {
        // Moving the element disconnects and reconnects it at once; only a real removal unmounts.
        queueMicrotask(() => {
          if (this.isConnected || !this.mounted) return;
          const mounted = this.mounted;
          this.mounted = undefined;
          void mounted.then((m) => m?.unmount());
        });
      }
    },
  );
}

defineKasaCheckout();
