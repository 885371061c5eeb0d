<?php
/**
 * Runs the module's pure parts outside PrestaShop (with the two core classes they touch stubbed) so
 * the adapter's tests can check both sides agree: the signed cart reference, the webhook signature
 * and the customer note. Input and output are JSON on stdin/stdout.
 *
 *   echo '{"key":"…","cartId":7,"ref":"7-…","body":"{}","secret":"…","note":"kasa:checkout=…"}' | php tests/compat.php
 */
define('_PS_VERSION_', 'compat');

class Configuration
{
    public static $values = [];

    public static function get($name)
    {
        return isset(self::$values[$name]) ? self::$values[$name] : false;
    }
}

class PaymentModule
{
}

require __DIR__ . '/../kasa/kasa.php';

$input = json_decode((string) stream_get_contents(STDIN), true);
Configuration::$values[Kasa::CONFIG_API_KEY] = $input['key'];

echo json_encode([
    'cartRef' => Kasa::cartRef($input['cartId']),
    'cartIdFromRef' => Kasa::cartIdFromRef($input['ref']),
    'forged' => Kasa::cartIdFromRef($input['cartId'] . '-0000000000000000'),
    'signature' => KasaWebhook::sign($input['body'], $input['secret']),
    'note' => KasaNote::parse($input['note']),
]);
