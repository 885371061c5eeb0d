<?php
/**
 * Cart abandonment from the shop's own cart page: when it shows a cart with products, the cart's
 * Kasa checkout is started (or reused) and a `view_cart` event is queued for Kasa's tracker, so the
 * cart's view and its later purchase are one checkout in Kasa's reports. Product ids, quantities
 * and prices only (grosze), never personal data. The tracker (`/widget/kasa-tracker.js`, a module
 * script) sends it; when Kasa cannot be reached, the page shows as always.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaCartView
{
    /** Seconds the cart page waits for Kasa: the shop's own page must not wait long. */
    const TIMEOUT_SECONDS = 2;

    /** The collector's limits (packages/core events.ts): above them the whole event is refused. */
    const MAX_AMOUNT = 1000000000;
    const MAX_QUANTITY = 999;

    /**
     * The `view_cart` event of a cart's products (as `Cart::getProducts()` gives them), or null
     * when the collector would refuse it. Items are named as the adapter names the checkout's
     * lines: the product reference, else the product id, made an event token.
     *
     * @param array $products rows with reference, id_product, cart_quantity, price_wt
     * @param string $currency ISO code
     * @param float $total products, tax included
     */
    public static function event(array $products, $currency, $total)
    {
        if (!preg_match('/^[A-Z]{3}$/', (string) $currency)) {
            return null;
        }
        $items = [];
        foreach ($products as $product) {
            $reference = isset($product['reference']) ? trim((string) $product['reference']) : '';
            $id = $reference !== '' ? $reference : (string) (int) $product['id_product'];
            $quantity = (int) $product['cart_quantity'];
            $price = self::minor($product['price_wt']);
            if ($quantity < 1 || $quantity > self::MAX_QUANTITY || $price < 0 || $price > self::MAX_AMOUNT) {
                return null;
            }
            $items[] = ['item_id' => self::token($id), 'quantity' => $quantity, 'price' => $price];
        }
        $value = self::minor($total);
        if (!$items || $value < 0 || $value > self::MAX_AMOUNT) {
            return null;
        }

        return [
            'name' => 'view_cart',
            'params' => ['value' => $value, 'currency' => (string) $currency, 'items' => $items],
        ];
    }

    /** `window.kasa.q.push(…)` for the tracker, safe inside a `<script>` element. */
    public static function script($shopId, $checkoutId, array $event)
    {
        $queued = ['shopId' => (string) $shopId, 'checkoutId' => (string) $checkoutId, 'event' => $event];

        return 'var k=window.kasa=window.kasa||{};(k.q=k.q||[]).push('
            . json_encode($queued, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES)
            . ');';
    }

    /** An amount in minor units (grosze). */
    private static function minor($amount)
    {
        return (int) round((float) $amount * 100);
    }

    /** As `eventToken` in packages/core: other characters become `_`, at most 64. */
    private static function token($value)
    {
        $token = substr((string) preg_replace('/[^A-Za-z0-9_.-]/u', '_', $value), 0, 64);

        return $token === '' ? '_' : $token;
    }
}

