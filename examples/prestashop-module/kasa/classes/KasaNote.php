<?php
/**
 * Kasa marks the guest customer it creates through the webservice with a private note:
 * `kasa:checkout=<id>;total=123.45;currency=PLN[;cancelled=1]`. The adapter looks customers up by
 * it; the module reads the agreed total and the checkout id from it.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaNote
{
    const PREFIX = 'kasa:checkout=';

    /** @return array{checkout: string, total: string|null, currency: string, cancelled: bool}|null */
    public static function parse($note)
    {
        $note = (string) $note;
        if (strpos($note, self::PREFIX) !== 0) {
            return null;
        }
        $fields = [];
        foreach (explode(';', substr($note, strlen('kasa:'))) as $pair) {
            $parts = explode('=', $pair, 2);
            if (count($parts) === 2) {
                $fields[$parts[0]] = $parts[1];
            }
        }
        if (!isset($fields['checkout']) || !preg_match('/^[A-Za-z0-9_.:-]{1,100}$/', $fields['checkout'])) {
            return null;
        }
        $total = isset($fields['total']) && preg_match('/^\d{1,13}(\.\d{1,6})?$/', $fields['total'])
            ? $fields['total'] : null;

        return [
            'checkout' => $fields['checkout'],
            'total' => $total,
            'currency' => isset($fields['currency']) ? $fields['currency'] : 'PLN',
            'cancelled' => isset($fields['cancelled']) && $fields['cancelled'] === '1',
        ];
    }
}
