<?php
/**
 * Where the chosen parcel locker goes: the official InPost module's `inpost_cart_choice` table when
 * that module is installed (its shipments read the point from there), otherwise the Kasa module's
 * own `kasa_cart.point`.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaLockerStore
{
    /** @return string the storage used: `inpost_cart_choice` or `kasa_cart` */
    public static function save(Cart $cart, $checkoutId, $point, $email, $phone, $sourceCart = null)
    {
        if (self::inpostInstalled()) {
            $choice = new InPostCartChoiceModel((int) $cart->id);
            $isNew = !Validate::isLoadedObject($choice);
            $choice->id = (int) $cart->id;
            $choice->service = 'inpost_locker_standard';
            $choice->point = $point;
            $choice->email = $email;
            // InPost wants the nine national digits.
            $choice->phone = preg_replace('/^(?:\+|00)?48/', '', preg_replace('/[^0-9+]/', '', $phone));
            if ($isNew ? !$choice->add() : !$choice->update()) {
                throw new RuntimeException('The InPost module refused the locker choice.');
            }
            KasaCarts::attach((int) $cart->id, $checkoutId, null, $sourceCart);

            return 'inpost_cart_choice';
        }
        KasaCarts::attach((int) $cart->id, $checkoutId, $point, $sourceCart);

        return 'kasa_cart';
    }

    public static function find($idCart)
    {
        if (self::inpostInstalled()) {
            $choice = new InPostCartChoiceModel((int) $idCart);
            if (Validate::isLoadedObject($choice) && (string) $choice->point !== '') {
                return (string) $choice->point;
            }
        }

        return KasaCarts::pointOf($idCart);
    }

    /** For `kasa doctor`: where a locker goes, and whether the InPost module's table is there. */
    public static function status()
    {
        $enabled = (bool) Module::isEnabled('inpostshipping');
        $table = $enabled && (bool) Db::getInstance()->executeS(
            'SHOW TABLES LIKE \'' . pSQL(_DB_PREFIX_ . 'inpost_cart_choice') . '\''
        );

        return [
            'storage' => self::inpostInstalled() ? 'inpost_cart_choice' : 'kasa_cart',
            'inpost_module' => $enabled,
            'inpost_table' => $table,
            // The carriers the shop owner marked as delivering to a locker (used without the InPost module).
            'locker_carriers' => array_values(array_filter(array_map('intval', explode(',', (string) Configuration::get(Kasa::CONFIG_LOCKER_CARRIERS))))),
        ];
    }

    private static function inpostInstalled()
    {
        return class_exists('InPostCartChoiceModel') && Module::isEnabled('inpostshipping');
    }
}
