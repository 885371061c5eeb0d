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
  <noscript>
    <p class="kasa-notice">
      {l s='The fast checkout needs JavaScript.' d='Modules.Kasa.Shop'}
      <a href="{$kasa_shop_checkout_url|escape:'htmlall':'UTF-8'}">{l s='Go to the shop\'s checkout' d='Modules.Kasa.Shop'}</a>
    </p>
  </noscript>
{/block}
