<?php
/**
 * The module's own table: one row per cart Kasa prepared, with the Kasa checkout id and, when the
 * official InPost module is not installed, the chosen locker.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaCarts
{
    const TABLE = 'kasa_cart';

    public static function createTable()
    {
        return Db::getInstance()->execute(
            'CREATE TABLE IF NOT EXISTS `' . _DB_PREFIX_ . self::TABLE . '` (
                `id_cart` INT(10) UNSIGNED NOT NULL,
                `checkout_id` VARCHAR(100) NOT NULL,
                `point` VARCHAR(32) NULL,
                `date_add` DATETIME NOT NULL,
                `date_upd` DATETIME NOT NULL,
                PRIMARY KEY (`id_cart`),
                KEY `checkout_id` (`checkout_id`)
            ) ENGINE=' . _MYSQL_ENGINE_ . ' DEFAULT CHARSET=utf8mb4'
        );
    }

    public static function dropTable()
    {
        return Db::getInstance()->execute('DROP TABLE IF EXISTS `' . _DB_PREFIX_ . self::TABLE . '`');
    }

    /** Records (or repeats, harmlessly) that Kasa prepared this cart for a checkout. */
    public static function attach($idCart, $checkoutId, $point = null)
    {
        $now = date('Y-m-d H:i:s');

        return Db::getInstance()->execute(
            'INSERT INTO `' . _DB_PREFIX_ . self::TABLE . '` (`id_cart`, `checkout_id`, `point`, `date_add`, `date_upd`)
            VALUES (' . (int) $idCart . ', \'' . pSQL($checkoutId) . '\', ' . ($point === null ? 'NULL' : '\'' . pSQL($point) . '\'') . ', \'' . pSQL($now) . '\', \'' . pSQL($now) . '\')
            ON DUPLICATE KEY UPDATE `checkout_id` = VALUES(`checkout_id`), `point` = VALUES(`point`), `date_upd` = VALUES(`date_upd`)'
        );
    }

    /** The Kasa checkout id of a cart, or null for a cart Kasa did not prepare. */
    public static function checkoutOf($idCart)
    {
        $value = Db::getInstance()->getValue(
            'SELECT `checkout_id` FROM `' . _DB_PREFIX_ . self::TABLE . '` WHERE `id_cart` = ' . (int) $idCart
        );

        return $value === false || $value === null ? null : (string) $value;
    }

    public static function pointOf($idCart)
    {
        $value = Db::getInstance()->getValue(
            'SELECT `point` FROM `' . _DB_PREFIX_ . self::TABLE . '` WHERE `id_cart` = ' . (int) $idCart
        );

        return $value === false || $value === null || $value === '' ? null : (string) $value;
    }
}
