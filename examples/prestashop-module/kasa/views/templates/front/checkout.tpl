{**
 * Kasa's checkout inside the theme's page: the widget's first view as the Kasa server rendered it,
 * sanitised by the module (KasaFragment), and a way to the shop's own checkout.
 *}
{extends file='page.tpl'}

{block name='page_title'}
  {l s='Checkout' d='Modules.Kasa.Shop'}
{/block}

{block name='page_content'}
  <div class="kasa-checkout-page">
    {$kasa_fragment nofilter}
  </div>
  {* Once paid, the theme's cart preview (drawn before the order) is refreshed: the cart is empty now. *}
  <script>
    document.addEventListener('kasa:event', function (event) {
      if (event.detail && event.detail.name === 'purchase' && window.prestashop && window.prestashop.emit) {
        window.prestashop.emit('updateCart', { reason: { linkAction: 'refresh' }, resp: {} });
      }
    });
  </script>
  <noscript>
    <p class="kasa-notice">
      {l s='The fast checkout needs JavaScript.' d='Modules.Kasa.Shop'}
      <a href="{$kasa_shop_checkout_url|escape:'htmlall':'UTF-8'}">{l s='Go to the shop\'s checkout' d='Modules.Kasa.Shop'}</a>
    </p>
  </noscript>
{/block}
