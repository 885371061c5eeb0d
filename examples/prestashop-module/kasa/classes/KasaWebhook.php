<?php
/**
 * Signed notifications to Kasa: the body is JSON, the signature is base64(HMAC-SHA256(raw body,
 * webhook secret)) in `X-Kasa-Signature`. A failure is logged and never stops the order.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaWebhook
{
    const TIMEOUT_SECONDS = 3;

    public static function sign($body, $secret)
    {
        return base64_encode(hash_hmac('sha256', $body, $secret, true));
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
