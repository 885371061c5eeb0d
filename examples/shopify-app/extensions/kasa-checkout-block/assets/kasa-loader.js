/**
 * Kasa's loader for the cart page's app block (blocks/kasa-checkout.liquid). On a click it starts a
 * Kasa checkout for this Shopify cart (POST /api/checkouts with the cart's Storefront id), then puts
 * Kasa's server-rendered step into the block. Kasa's visitor id goes along only when the shopper
 * allowed analytics (Shopify's Customer Privacy API). It never throws into the theme: on any failure
 * it shows the block's error text and leaves Shopify's own checkout button as the way on.
 */
(() => {
  const VISITOR_COOKIE = 'kasa_vid';
  const ID = /^[A-Za-z0-9_-]{1,64}$/;

  const analyticsAllowed = () => {
    try {
      return window.Shopify?.customerPrivacy?.analyticsProcessingAllowed?.() === true;
    } catch {
      return false;
    }
  };

  /** Kasa's visitor id from its first-party cookie, only with analytics consent. */
  const consentedVisitor = () => {
    if (!analyticsAllowed()) return undefined;
    const entry = document.cookie.split('; ').find((part) => part.startsWith(`${VISITOR_COOKIE}=`));
    const value = entry ? decodeURIComponent(entry.slice(VISITOR_COOKIE.length + 1)) : '';
    return ID.test(value) ? value : undefined;
  };

  /** The cart's Storefront id (`gid://shopify/Cart/<token>`), read from the theme's /cart.js. */
  const cartId = async () => {
    const response = await fetch(`${window.Shopify?.routes?.root ?? '/'}cart.js`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`cart.js answered ${response.status}`);
    const { token } = await response.json();
    if (typeof token !== 'string' || token === '') throw new Error('cart.js gave no token');
    return `gid://shopify/Cart/${token}`;
  };

  async function open(button) {
    const block = button.closest('.kasa-checkout-block');
    const server = new URL(button.dataset.kasaServer);
    const lang = button.dataset.kasaLang?.toLowerCase().startsWith('en') ? 'en' : 'pl';
    const created = await fetch(new URL('/api/checkouts', server), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cartRef: await cartId(), locale: lang }),
    });
    if (!created.ok) throw new Error(`Kasa answered ${created.status}`);
    const { id } = await created.json();
    const query = new URLSearchParams({ lang });
    const visitor = consentedVisitor();
    if (visitor) query.set('visitor', visitor);
    const fragment = await fetch(
      new URL(`/api/checkouts/${encodeURIComponent(id)}/fragment?${query}`, server),
    );
    if (!fragment.ok) throw new Error(`Kasa answered ${fragment.status}`);
    const step = block.querySelector('[data-kasa-step]');
    // A contextual fragment runs the step's scripts, which innerHTML would not.
    step.replaceChildren(document.createRange().createContextualFragment(await fragment.text()));
    button.hidden = true;
  }

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-kasa-open]') : null;
    if (!button || button.disabled) return;
    button.disabled = true;
    open(button).catch(() => {
      button.disabled = false;
      button.closest('.kasa-checkout-block')?.querySelector('[data-kasa-error]')?.removeAttribute('hidden');
    });
  });
})();
