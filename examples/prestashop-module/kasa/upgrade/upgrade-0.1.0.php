<?php
/**
 * 0.1.0: the `source_cart` column (the shopper's storefront cart, emptied once Kasa's order exists),
 * the order page's hook (Kasa's checkout in place of the shop's), the shop key for calls to Kasa,
 * and the new settings with their defaults.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

function upgrade_module_0_1_0($module)
{
    Kasa::forgetCompiledTemplates();
    if (Configuration::get(Kasa::CONFIG_SHOP_KEY) === false) {
        Configuration::updateValue(Kasa::CONFIG_SHOP_KEY, Kasa::randomSecret());
    }
    foreach ([Kasa::CONFIG_PUBLIC_KEY => '', Kasa::CONFIG_REPLACE_CHECKOUT => 0] as $name => $default) {
        if (Configuration::get($name) === false) {
            Configuration::updateValue($name, $default);
        }
    }

    return KasaCarts::createTable() && KasaCarts::ensureSchema() && $module->registerHook(Kasa::HOOKS);
}
