/**
 * Kasa's loader for the cart page's app block (blocks/kasa-checkout.liquid). On a click it starts a
 * Kasa checkout for this Shopify cart (POST /api/checkouts with the cart's Storefront id), then puts
 * Kasa's server-rendered step into the block. Kasa's visitor id goes along only when the shopper
 * allowed analytics (Shopify's Customer Privacy API). It never throws into the theme: on any failure
 * it shows the block's error text and leaves Shopify's own checkout button as the way on.
 *
 * On load it asks Kasa which arm of the `shopify-step` experiment (Kasa's step against going straight
 * to Shopify's checkout) this visitor is in (GET /api/experiments/assignment, with the visitor id only
 * with consent). In the 'shopify-checkout' arm the block hides itself and the shop's own checkout
 * button is the way on; when the visitor is enrolled in either arm, the arm and the visitor id go
 * into the cart's attributes (`kasa_experiments`, `kasa_visitor_id`, via /cart/update.js), so Kasa's
 * pixel and the order webhook carry the arm. Without an experiment, or when Kasa does not answer,
 * the block stays as it is.
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
    const response = await fetch(`${cartRoot()}cart.js`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`cart.js answered ${response.status}`);
    const { token } = await response.json();
    if (typeof token !== 'string' || token === '') throw new Error('cart.js gave no token');
    return `gid://shopify/Cart/${token}`;
  };

  const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
  const cartRoot = () => window.Shopify?.routes?.root ?? '/';

  /** Kasa's answer for this visitor: which arm of the shopify-step experiment, if one runs. */
  async function assignment(button, visitor) {
    const query = new URLSearchParams({ shop: button.dataset.kasaShop ?? '' });
    if (visitor) query.set('visitor', visitor);
    const response = await fetch(new URL(`/api/experiments/assignment?${query}`, button.dataset.kasaServer), {
      headers: { accept: 'application/json' },
      ...(typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(5000) } : {}),
    });
    if (!response.ok) throw new Error(`Kasa answered ${response.status}`);
    return response.json();
  }

  /** Writes the visitor's arm into the cart, where Kasa's pixel and the order's note attributes find it. */
  async function rememberArm(visitor, experiment, variation) {
    const response = await fetch(`${cartRoot()}cart/update.js`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        attributes: { kasa_visitor_id: visitor, kasa_experiments: `${experiment}:${variation}` },
      }),
    });
    if (!response.ok) throw new Error(`cart/update.js answered ${response.status}`);
  }

  /** Decides what the block offers; the button waits (disabled) until Kasa answered or failed. */
  async function assign(button) {
    const block = button.closest('.kasa-checkout-block');
    const wasDisabled = button.disabled;
    button.disabled = true;
    try {
      const visitor = consentedVisitor();
      const answer = await assignment(button, visitor);
      const { experiment, variation, inExperiment } = answer ?? {};
      if (variation === 'shopify-checkout' && block) {
        // Both: a theme's own display rule would win over the hidden attribute alone.
        block.hidden = true;
        block.style.display = 'none';
      }
      if (inExperiment === true && visitor && KEY.test(experiment ?? '') && KEY.test(variation ?? '')) {
        await rememberArm(visitor, experiment, variation);
      }
    } catch {
      // Kasa or the cart did not answer: the block stays as it was, Shopify's button is there too.
    } finally {
      button.disabled = wasDisabled;
      if (block) block.dataset.kasaAssigned = '';
    }
  }

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

  for (const button of document.querySelectorAll('[data-kasa-open]')) void assign(button);

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
