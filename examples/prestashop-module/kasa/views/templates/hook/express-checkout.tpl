{**
 * The Kasa checkout under the cart: the widget reads the signed cart reference and talks to the
 * Kasa server, which reads the cart back through this module.
 *}
<div class="kasa-express-checkout">
  <kasa-checkout server="{$kasa_server_url|escape:'htmlall':'UTF-8'}" cart-ref="{$kasa_cart_ref|escape:'htmlall':'UTF-8'}"></kasa-checkout>
</div>
