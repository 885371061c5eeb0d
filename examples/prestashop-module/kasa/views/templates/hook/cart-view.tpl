{**
 * The cart page's part for Kasa's analytics: `view_cart` queued for Kasa's tracker, and the tracker.
 * The queue is JSON encoded with every HTML-special character escaped (KasaCartView::script).
 *}
<script>{$kasa_queue nofilter}</script>
<script type="module" src="{$kasa_tracker_url|escape:'htmlall':'UTF-8'}" async></script>
