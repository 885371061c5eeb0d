<?php
/**
 * Calls from the shop's server to the Kasa server, for the shopper in front of it: start (or reuse)
 * the cart's Kasa checkout and fetch the widget's server-rendered first view. Every call carries
 * the shop's public key (`X-Kasa-Shop`) and, when set, the shop key (`Authorization: Bearer …`),
 * with which Kasa does not count the shop's calls, all from one address, against a per-address
 * limit. Timeouts are short: the shopper is waiting, and a failure means the shop's own checkout.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaServer
{
    /** The shopper's cookie field holding `<id_cart>:<checkout id>`. */
    const COOKIE_CHECKOUT = 'kasa_checkout';

    /** @var string */
    private $url;
    /** @var string */
    private $publicKey;
    /** @var string */
    private $shopKey;

    public function __construct($url, $publicKey, $shopKey)
    {
        $this->url = rtrim((string) $url, '/');
        $this->publicKey = (string) $publicKey;
        $this->shopKey = (string) $shopKey;
    }

    /**
     * One call; status 0 when Kasa could not be reached in time.
     *
     * @return array{status: int, body: string}
     */
    public function call($method, $path, $body = null, $timeoutSeconds = 5)
    {
        if (!function_exists('curl_init')) {
            return ['status' => 0, 'body' => ''];
        }
        $headers = [
            'Accept: application/json, text/html',
            'X-Kasa-Shop: ' . $this->publicKey,
        ];
        if ($this->shopKey !== '') {
            $headers[] = 'Authorization: Bearer ' . $this->shopKey;
        }
        $curl = curl_init($this->url . $path);
        $options = [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_CONNECTTIMEOUT_MS => (int) min(2000, $timeoutSeconds * 1000),
            CURLOPT_TIMEOUT_MS => (int) ($timeoutSeconds * 1000),
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
        ];
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            $options[CURLOPT_POSTFIELDS] = json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        }
        $options[CURLOPT_HTTPHEADER] = $headers;
        curl_setopt_array($curl, $options);
        $answer = curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_HTTP_CODE);
        curl_close($curl);

        return ['status' => $answer === false ? 0 : $status, 'body' => $answer === false ? '' : (string) $answer];
    }

    /**
     * The Kasa checkout for the shopper's cart: the one remembered in their cookie while Kasa says
     * it is open (handed this cart with `PUT …/cart` when the cookie's is another, e.g. after a log
     * in merged carts, so the cart's view and its purchase stay one checkout), else a new one. ''
     * when Kasa cannot be reached or refuses.
     */
    public function checkoutFor(Cart $cart, Cookie $cookie, $locale, $timeoutSeconds = 5)
    {
        $cartRef = Kasa::cartRef((int) $cart->id);
        $remembered = (string) $cookie->{self::COOKIE_CHECKOUT};
        if (preg_match('/^(\d+):([A-Za-z0-9_-]{1,64})$/', $remembered, $match)) {
            $id = $match[2];
            $existing = $this->call('GET', '/api/checkouts/' . rawurlencode($id), null, $timeoutSeconds);
            $view = json_decode($existing['body'], true);
            // A placed or paid checkout belongs to its order: a new cart starts a new checkout.
            if ($existing['status'] === 200 && is_array($view) && isset($view['status']) && $view['status'] === 'open') {
                if ((int) $match[1] === (int) $cart->id) {
                    return $id;
                }
                $handed = $this->call('PUT', '/api/checkouts/' . rawurlencode($id) . '/cart', ['cartRef' => $cartRef], $timeoutSeconds);
                if ($handed['status'] === 200) {
                    return self::remember($cookie, $cart, $id);
                }
            }
        }
        $created = $this->call('POST', '/api/checkouts', ['cartRef' => $cartRef, 'locale' => $locale], $timeoutSeconds);
        $json = json_decode($created['body'], true);
        if ($created['status'] !== 201 || !is_array($json) || !isset($json['id']) || !is_string($json['id'])
            || !preg_match('/^[A-Za-z0-9_-]{1,64}$/', $json['id'])) {
            return '';
        }

        return self::remember($cookie, $cart, $json['id']);
    }

    /** The widget's first view for a checkout (it holds `<kasa-checkout>` and its script), or ''. */
    public function fragment($checkoutId, $lang, $nonce, $visitor = '', $timeoutSeconds = 5)
    {
        $query = ['lang' => $lang, 'nonce' => $nonce];
        if (preg_match('/^[A-Za-z0-9_-]{1,64}$/', $visitor)) {
            $query['visitor'] = $visitor;
        }
        $answer = $this->call('GET', '/api/checkouts/' . rawurlencode($checkoutId) . '/fragment?' . http_build_query($query), null, $timeoutSeconds);
        if ($answer['status'] !== 200 || strpos($answer['body'], '<kasa-checkout') === false) {
            return '';
        }

        return $answer['body'];
    }

    private static function remember(Cookie $cookie, Cart $cart, $id)
    {
        $cookie->{self::COOKIE_CHECKOUT} = (int) $cart->id . ':' . $id;

        return $id;
    }
}
