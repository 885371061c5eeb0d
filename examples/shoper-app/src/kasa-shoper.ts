/**
 * The storefront script a Shoper shop owner installs (README.md): on the basket page it starts Kasa's
 * checkout from the basket Shoper's storefront JS API shows, and otherwise does nothing. Settings come
 * from its own script tag:
 *
 *   <script src="…/kasa-shoper.js" data-kasa-api="https://kasa.sklep.pl" data-kasa-shop="sklep" defer></script>
 *
 * Optional: `data-kasa-placement="replace"` (hide Shoper's "go on" button once Kasa's checkout runs),
 * `data-kasa-button="<css selector>"` (a theme whose button differs), `data-kasa-widget="<url>"`.
 * What happened is left on `<html data-kasa-shoper="mounted|<reason>">` for whoever looks.
 */
import { startKasaOnShoper } from '../../../packages/adapters/shoper/src/storefront/start.ts';

const BASKET_PAGE = /\/basket\/?$/;

function run(script: HTMLOrSVGScriptElement | null): void {
  const data = script instanceof HTMLScriptElement ? script.dataset : {};
  const api = data.kasaApi;
  if (!api || !BASKET_PAGE.test(location.pathname)) return;
  void startKasaOnShoper({
    api,
    ...(data.kasaShop ? { shop: data.kasaShop } : {}),
    ...(data.kasaWidget ? { widgetUrl: data.kasaWidget } : {}),
    ...(data.kasaButton ? { checkoutButtonSelector: data.kasaButton } : {}),
    placement: data.kasaPlacement === 'replace' ? 'replace' : 'before',
  }).then((result) => {
    document.documentElement.dataset.kasaShoper = result.mounted ? 'mounted' : result.reason;
  });
}

// Read while this script runs: `document.currentScript` is null once it has finished.
const script = document.currentScript;
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => run(script), { once: true });
} else {
  run(script);
}
