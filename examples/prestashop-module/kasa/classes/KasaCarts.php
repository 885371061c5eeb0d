<?php
/**
 * The module's own table: one row per cart Kasa prepared, with the Kasa checkout id, the chosen
 * locker (when the official InPost module is not installed) and the shopper's storefront cart the
 * order came from (`source_cart`), which is emptied once Kasa's order exists.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaCarts
{
    const TABLE = 'kasa_cart';

    /** Bumped with every change to the table; `ensureSchema()` brings an older table up to it. */
    const SCHEMA = 2;
    const CONFIG_SCHEMA = 'KASA_SCHEMA';

    public static function createTable()
    {
        return Db::getInstance()->execute(
            'CREATE TABLE IF NOT EXISTS `' . _DB_PREFIX_ . self::TABLE . '` (
                `id_cart` INT(10) UNSIGNED NOT NULL,
                `checkout_id` VARCHAR(100) NOT NULL,
                `point` VARCHAR(32) NULL,
                `source_cart` INT(10) UNSIGNED NULL,
                `date_add` DATETIME NOT NULL,
                `date_upd` DATETIME NOT NULL,
                PRIMARY KEY (`id_cart`),
                KEY `checkout_id` (`checkout_id`)
            ) ENGINE=' . _MYSQL_ENGINE_ . ' DEFAULT CHARSET=utf8mb4'
        ) && self::ensureSchema();
    }

    /**
     * Adds what an older install's table lacks (`source_cart`, since 0.1.0). Run by the upgrade
     * script and, should a shop have skipped it, before the first write that needs it; the schema
     * version lives in the configuration, which PrestaShop has in memory, so the check costs nothing.
     */
    public static function ensureSchema()
    {
        if ((int) Configuration::get(self::CONFIG_SCHEMA) >= self::SCHEMA) {
            return true;
        }
        $db = Db::getInstance();
        $has = $db->executeS('SHOW COLUMNS FROM `' . _DB_PREFIX_ . self::TABLE . '` LIKE \'source_cart\'');
        if (!$has && !$db->execute('ALTER TABLE `' . _DB_PREFIX_ . self::TABLE . '` ADD `source_cart` INT(10) UNSIGNED NULL AFTER `point`')) {
            return false;
        }

        return Configuration::updateValue(self::CONFIG_SCHEMA, self::SCHEMA);
    }

    public static function dropTable()
    {
        Configuration::deleteByName(self::CONFIG_SCHEMA);

        return Db::getInstance()->execute('DROP TABLE IF EXISTS `' . _DB_PREFIX_ . self::TABLE . '`');
    }

    /**
     * Records (or repeats, harmlessly) that Kasa prepared this cart for a checkout. A repeated call
     * without a source cart keeps the one recorded before.
     */
    public static function attach($idCart, $checkoutId, $point = null, $sourceCart = null)
    {
        self::ensureSchema();
        $now = date('Y-m-d H:i:s');
        $source = $sourceCart === null ? 'NULL' : (string) (int) $sourceCart;

        return Db::getInstance()->execute(
            'INSERT INTO `' . _DB_PREFIX_ . self::TABLE . '` (`id_cart`, `checkout_id`, `point`, `source_cart`, `date_add`, `date_upd`)
            VALUES (' . (int) $idCart . ', \'' . pSQL($checkoutId) . '\', ' . ($point === null ? 'NULL' : '\'' . pSQL($point) . '\'') . ', ' . $source . ', \'' . pSQL($now) . '\', \'' . pSQL($now) . '\')
            ON DUPLICATE KEY UPDATE `checkout_id` = VALUES(`checkout_id`), `point` = VALUES(`point`),
                `source_cart` = COALESCE(VALUES(`source_cart`), `source_cart`), `date_upd` = VALUES(`date_upd`)'
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

    /** The shopper's storefront cart a Kasa cart was made from, or 0 when the adapter did not say. */
    public static function sourceOf($idCart)
    {
        self::ensureSchema();

        return (int) Db::getInstance()->getValue(
            'SELECT `source_cart` FROM `' . _DB_PREFIX_ . self::TABLE . '` WHERE `id_cart` = ' . (int) $idCart
        );
    }
}
