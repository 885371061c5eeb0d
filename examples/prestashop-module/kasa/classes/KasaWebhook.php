<?php
/**
 * Signed notifications to Kasa: the body is JSON, the signature is base64(HMAC-SHA256(raw body,
 * webhook secret)) in `X-Kasa-Signature`. A failure is logged and never stops the order.
 *
 * Webhooks are sent after the response of the request that caused them is complete. The order is
 * created inside Kasa's own `POST /api/orders` (or the module's `attach`), and Kasa's webhook
 * handler waits for that same call to finish: sent inside it, each webhook stalled until its
 * timeout. So `queue()` collects them and a shutdown function sends them once the response has gone
 * out: `fastcgi_finish_request()` under PHP-FPM; elsewhere (mod_php, `php -S`) the buffered response
 * is sent with its Content-Length, so the client has all of it before the webhook leaves.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaWebhook
{
    const TIMEOUT_SECONDS = 3;

    /** @var array<int, array{url: string, secret: string, payload: array}> */
    private static $queue = [];

    public static function sign($body, $secret)
    {
        return base64_encode(hash_hmac('sha256', $body, $secret, true));
    }

    /** Sends the webhook once the current response is complete. */
    public static function queue($url, $secret, array $payload)
    {
        if ($url === '' || $secret === '') {
            return;
        }
        if (!self::$queue) {
            // Hold everything written from here on, so that the whole response (headers included)
            // is still ours to send, with its length, when the shutdown function runs: PHP runs
            // shutdown functions before it flushes the output buffers left open.
            ob_start();
            register_shutdown_function([__CLASS__, 'flushAndSend']);
        }
        self::$queue[] = ['url' => $url, 'secret' => $secret, 'payload' => $payload];
    }

    /** Shutdown function: completes the response, then sends what was queued. */
    public static function flushAndSend()
    {
        self::completeResponse();
        $queued = self::$queue;
        self::$queue = [];
        foreach ($queued as $item) {
            self::send($item['url'], $item['secret'], $item['payload']);
        }
    }

    private static function completeResponse()
    {
        ignore_user_abort(true);
        if (function_exists('fastcgi_finish_request')) {
            while (ob_get_level() > 0 && @ob_end_flush()) {
            }
            fastcgi_finish_request();

            return;
        }
        $body = '';
        while (ob_get_level() > 0) {
            $chunk = ob_get_clean();
            if ($chunk === false) {
                break;
            }
            $body = $chunk . $body;
        }
        if (!headers_sent() && !ini_get('zlib.output_compression')) {
            header('Content-Length: ' . strlen($body));
            header('Connection: close');
        }
        echo $body;
        flush();
    }

    public static function send($url, $secret, array $payload)
    {
        if ($url === '' || $secret === '' || !function_exists('curl_init')) {
            return false;
        }
        $body = json_encode($payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        if ($body === false) {
            return false;
        }
        try {
            $curl = curl_init($url);
            curl_setopt_array($curl, [
                CURLOPT_POST => true,
                CURLOPT_POSTFIELDS => $body,
                CURLOPT_RETURNTRANSFER => true,
                CURLOPT_CONNECTTIMEOUT => self::TIMEOUT_SECONDS,
                CURLOPT_TIMEOUT => self::TIMEOUT_SECONDS,
                CURLOPT_HTTPHEADER => [
                    'Content-Type: application/json',
                    'X-Kasa-Signature: ' . self::sign($body, $secret),
                ],
            ]);
            curl_exec($curl);
            $status = (int) curl_getinfo($curl, CURLINFO_HTTP_CODE);
            $error = curl_error($curl);
            curl_close($curl);
            if ($status < 200 || $status >= 300) {
                PrestaShopLogger::addLog(
                    'Kasa webhook ' . $payload['topic'] . ' failed: ' . ($error !== '' ? $error : 'HTTP ' . $status),
                    2,
                    null,
                    'Cart',
                    isset($payload['cartId']) ? (int) $payload['cartId'] : null,
                    true
                );

                return false;
            }

            return true;
        } catch (Exception $e) {
            PrestaShopLogger::addLog('Kasa webhook failed: ' . $e->getMessage(), 2);

            return false;
        }
    }
}
