<?php
/**
 * What the real-PrestaShop tests do inside PrestaShop that the webservice does not offer, as the shop
 * owner would in the back office. Usage: php tools.php <ps_dir> <admin_dir> <host:port> <command> [args]
 *   poland LOCKER_CARRIER_NAME   make the shop Polish: PLN the default currency, Poland the default
 *                                country with 23% VAT on the demo products' tax rules, a parcel-locker
 *                                carrier (12.99 zł), the product KAWA-250 (49.90 zł), stock for every
 *                                product; prints the ids as JSON
 *   config NAME VALUE            set a configuration value (e.g. the Kasa module's settings)
 *   get-config NAME…             print configuration values as JSON
 *   webservice on|off            PrestaShop's "Enable PrestaShop's webservice"
 *   ws-permissions KEY JSON      give a webservice key exactly these permissions ({"carts":["GET"],…})
 *   ws-grant-all KEY             every method on every resource for a key (what up.sh gives)
 *   kasa-orders                  every guest customer Kasa made, with its cart, order, locker and NIP, as JSON
 *   order-history ID_ORDER       an order's states, oldest first, as JSON
 *   logs-after ID                the shop's log (Advanced Parameters › Logs) after entry ID, as JSON;
 *                                `logs-after 0 last` prints only the last entry's id
 */
if (PHP_SAPI !== 'cli') {
    exit(1);
}
[, $psDir, $adminDir, $host, $command] = $argv + ['', '', '', '', ''];
$args = array_slice($argv, 5);
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = explode(':', $host)[0];
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REQUEST_URI'] = '/';
define('_PS_ADMIN_DIR_', $adminDir);
require $psDir . '/config/config.inc.php';
Context::getContext()->employee = new Employee(1);

function fail($message)
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}

function out($value)
{
    echo json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
}

function ensurePln()
{
    $id = (int) Currency::getIdByIsoCode('PLN', 0, true);
    if (!$id) {
        $currency = new Currency();
        $currency->iso_code = 'PLN';
        $currency->numeric_iso_code = '985';
        $currency->precision = 2;
        $currency->conversion_rate = 1;
        foreach (Language::getLanguages(false) as $lang) {
            $currency->name[$lang['id_lang']] = 'Polish Zloty';
            $currency->symbol[$lang['id_lang']] = 'zł';
        }
        if (!$currency->add()) {
            fail('could not add PLN');
        }
        $id = (int) $currency->id;
    }
    $currency = new Currency($id);
    $currency->active = 1;
    $currency->deleted = 0;
    $currency->conversion_rate = 1;
    $currency->update();
    Configuration::updateValue('PS_CURRENCY_DEFAULT', $id);

    return $id;
}

/** Poland active and default, and 23% VAT for Poland in every tax rules group the products use. */
function ensurePoland()
{
    $idCountry = (int) Country::getByIso('PL');
    $country = new Country($idCountry);
    $country->active = 1;
    $country->update();
    Configuration::updateValue('PS_COUNTRY_DEFAULT', $idCountry);
    Configuration::updateValue('PS_LOCALE_COUNTRY', 'pl');
    Configuration::updateValue('PS_TIMEZONE', 'Europe/Warsaw');
    $idTax = (int) Db::getInstance()->getValue('SELECT id_tax FROM ' . _DB_PREFIX_ . 'tax WHERE rate = 23 AND deleted = 0 ORDER BY id_tax');
    if (!$idTax) {
        $tax = new Tax();
        $tax->rate = 23;
        $tax->active = 1;
        foreach (Language::getLanguages(false) as $lang) {
            $tax->name[$lang['id_lang']] = 'PTU PL 23%';
        }
        $tax->add();
        $idTax = (int) $tax->id;
    }
    $groups = Db::getInstance()->executeS('SELECT DISTINCT id_tax_rules_group FROM ' . _DB_PREFIX_ . 'product WHERE id_tax_rules_group > 0');
    foreach ($groups as $row) {
        $group = (int) $row['id_tax_rules_group'];
        $exists = Db::getInstance()->getValue('SELECT id_tax_rule FROM ' . _DB_PREFIX_ . 'tax_rule WHERE id_tax_rules_group = ' . $group . ' AND id_country = ' . $idCountry);
        if (!$exists) {
            $rule = new TaxRule();
            $rule->id_tax_rules_group = $group;
            $rule->id_country = $idCountry;
            $rule->id_state = 0;
            $rule->zipcode_from = 0;
            $rule->zipcode_to = 0;
            $rule->id_tax = $idTax;
            $rule->behavior = 0;
            $rule->description = '';
            $rule->add();
        }
    }

    return $idCountry;
}

/** A carrier delivering to Poland's zone at 12.99 zł gross whatever the cart, named as given. */
function ensureLockerCarrier($name, $idZone)
{
    $id = (int) Db::getInstance()->getValue('SELECT id_carrier FROM ' . _DB_PREFIX_ . 'carrier WHERE deleted = 0 AND name = \'' . pSQL($name) . '\'');
    if ($id) {
        return new Carrier($id);
    }
    $carrier = new Carrier();
    $carrier->name = $name;
    $carrier->active = 1;
    $carrier->is_free = 0;
    $carrier->shipping_handling = 0;
    $carrier->shipping_method = Carrier::SHIPPING_METHOD_PRICE;
    $carrier->range_behavior = 0;
    $carrier->max_weight = 0;
    foreach (Language::getLanguages(false) as $lang) {
        $carrier->delay[$lang['id_lang']] = '1-2 dni robocze';
    }
    if (!$carrier->add()) {
        fail('could not add the locker carrier');
    }
    $range = new RangePrice();
    $range->id_carrier = (int) $carrier->id;
    $range->delimiter1 = 0;
    $range->delimiter2 = 1000000;
    $range->add();
    $carrier->addZone($idZone);
    $carrier->setGroups(array_map(function ($g) { return (int) $g['id_group']; }, Group::getGroups(1)));
    $carrier->addDeliveryPrice([[
        'id_carrier' => (int) $carrier->id,
        'id_range_price' => (int) $range->id,
        'id_range_weight' => null,
        'id_zone' => $idZone,
        'price' => 12.99,
        'id_shop' => null,
        'id_shop_group' => null,
    ]]);

    return new Carrier((int) $carrier->id);
}

/** The sample product "Kawa ziarnista 250 g" (KAWA-250), 49.90 zł gross at 23% VAT. */
function ensureCoffee($idTaxRulesGroup)
{
    $id = (int) Db::getInstance()->getValue('SELECT id_product FROM ' . _DB_PREFIX_ . 'product WHERE reference = \'KAWA-250\'');
    $product = new Product($id ?: null);
    foreach (Language::getLanguages(false) as $lang) {
        $product->name[$lang['id_lang']] = 'Kawa ziarnista 250 g';
        $product->link_rewrite[$lang['id_lang']] = 'kawa-ziarnista-250-g';
    }
    $product->reference = 'KAWA-250';
    $product->price = 40.569106;
    $product->id_tax_rules_group = $idTaxRulesGroup;
    $product->id_category_default = 2;
    $product->active = 1;
    $product->visibility = 'both';
    $product->available_for_order = 1;
    $product->show_price = 1;
    if (!($id ? $product->update() : $product->add())) {
        fail('could not save the coffee');
    }
    $product->addToCategories([2]);
    StockAvailable::setQuantity((int) $product->id, 0, 1000000);

    return (int) $product->id;
}

function grantAll($key)
{
    $id = (int) WebserviceKey::getIdFromKey($key);
    if (!$id) {
        fail('no such webservice key');
    }
    $perms = [];
    foreach (array_keys(WebserviceRequest::getResources()) as $resource) {
        $perms[$resource] = ['GET' => 1, 'POST' => 1, 'PUT' => 1, 'PATCH' => 1, 'DELETE' => 1, 'HEAD' => 1];
    }
    WebserviceKey::setPermissionForAccount($id, $perms);
}

switch ($command) {
    case 'poland':
        $name = $args[0] ?? fail('poland LOCKER_CARRIER_NAME');
        $currency = ensurePln();
        $country = ensurePoland();
        $zone = (int) Country::getIdZone($country);
        $locker = ensureLockerCarrier($name, $zone);
        foreach (Db::getInstance()->executeS('SELECT id_product FROM ' . _DB_PREFIX_ . 'product') as $row) {
            StockAvailable::setQuantity((int) $row['id_product'], 0, 1000000);
            foreach (Product::getProductAttributesIds((int) $row['id_product']) as $attribute) {
                StockAvailable::setQuantity((int) $row['id_product'], (int) $attribute['id_product_attribute'], 1000000);
            }
        }
        $coffee = ensureCoffee((int) Db::getInstance()->getValue('SELECT id_tax_rules_group FROM ' . _DB_PREFIX_ . 'product WHERE id_product = 1'));
        out([
            'coffeeId' => $coffee,
            'currencyId' => $currency,
            'countryId' => $country,
            'zoneId' => $zone,
            'lockerCarrier' => ['id' => (int) $locker->id, 'reference' => (int) $locker->id_reference],
            'langId' => (int) Configuration::get('PS_LANG_DEFAULT'),
        ]);
        break;

    case 'config':
        if (count($args) !== 2) {
            fail('config NAME VALUE');
        }
        Configuration::updateValue($args[0], $args[1]);
        out(['ok' => true]);
        break;

    case 'get-config':
        $values = [];
        foreach ($args as $name) {
            $values[$name] = Configuration::get($name);
        }
        out($values);
        break;

    case 'webservice':
        Configuration::updateValue('PS_WEBSERVICE', ($args[0] ?? '') === 'on' ? 1 : 0);
        out(['ok' => true]);
        break;

    case 'ws-permissions':
        $id = (int) WebserviceKey::getIdFromKey($args[0] ?? '');
        $wanted = json_decode($args[1] ?? '', true);
        if (!$id || !is_array($wanted)) {
            fail('ws-permissions KEY JSON');
        }
        $perms = [];
        foreach ($wanted as $resource => $methods) {
            $perms[$resource] = array_fill_keys($methods, 1);
        }
        WebserviceKey::setPermissionForAccount($id, $perms);
        out(['ok' => true]);
        break;

    case 'ws-grant-all':
        grantAll($args[0] ?? '');
        out(['ok' => true]);
        break;

    case 'kasa-orders':
        $db = Db::getInstance();
        $p = _DB_PREFIX_;
        $rows = [];
        $customers = $db->executeS("SELECT id_customer, note FROM {$p}customer WHERE note LIKE 'kasa:checkout=%' ORDER BY id_customer");
        $hasKasaCart = (bool) $db->executeS("SHOW TABLES LIKE '{$p}kasa_cart'");
        foreach ($customers as $customer) {
            $cart = $db->getRow('SELECT id_cart, id_address_invoice FROM ' . $p . 'cart WHERE id_customer = ' . (int) $customer['id_customer'] . ' ORDER BY id_cart');
            $idCart = $cart ? (int) $cart['id_cart'] : 0;
            $order = $idCart ? $db->getRow("SELECT o.id_order, o.current_state, o.total_paid, o.module, o.payment, s.paid FROM {$p}orders o JOIN {$p}order_state s ON s.id_order_state = o.current_state WHERE o.id_cart = {$idCart} ORDER BY o.id_order") : false;
            $transaction = $order ? $db->getValue("SELECT op.transaction_id FROM {$p}order_payment op JOIN {$p}orders o ON o.reference = op.order_reference WHERE o.id_order = " . (int) $order['id_order'] . " AND op.transaction_id <> '' ORDER BY op.id_order_payment") : false;
            $point = $idCart && $hasKasaCart ? $db->getValue("SELECT point FROM {$p}kasa_cart WHERE id_cart = {$idCart}") : false;
            $nip = $cart ? $db->getValue('SELECT vat_number FROM ' . $p . 'address WHERE id_address = ' . (int) $cart['id_address_invoice']) : false;
            $rows[] = [
                'customerId' => (int) $customer['id_customer'],
                'note' => (string) $customer['note'],
                'cartId' => $idCart,
                'order' => $order ? [
                    'id' => (int) $order['id_order'],
                    'state' => (int) $order['current_state'],
                    'paid' => (bool) $order['paid'],
                    'totalPaid' => (string) $order['total_paid'],
                    'module' => (string) $order['module'],
                    'payment' => (string) $order['payment'],
                ] : null,
                'transactionId' => $transaction ? (string) $transaction : null,
                'point' => $point ? (string) $point : null,
                'nip' => $nip ? (string) $nip : null,
            ];
        }
        out($rows);
        break;

    case 'order-history':
        $rows = Db::getInstance()->executeS('SELECT id_order_state FROM ' . _DB_PREFIX_ . 'order_history WHERE id_order = ' . (int) ($args[0] ?? 0) . ' ORDER BY id_order_history');
        out(array_map(function ($r) { return (int) $r['id_order_state']; }, $rows));
        break;

    case 'logs-after':
        $after = (int) ($args[0] ?? 0);
        if (($args[1] ?? '') === 'last') {
            out((int) Db::getInstance()->getValue('SELECT MAX(id_log) FROM ' . _DB_PREFIX_ . 'log'));
            break;
        }
        $rows = Db::getInstance()->executeS('SELECT id_log, severity, message, object_type, object_id FROM ' . _DB_PREFIX_ . 'log WHERE id_log > ' . $after . ' ORDER BY id_log');
        out(array_map(function ($r) {
            return ['id' => (int) $r['id_log'], 'severity' => (int) $r['severity'], 'message' => (string) $r['message'], 'object' => $r['object_type'] . ':' . $r['object_id']];
        }, $rows));
        break;

    default:
        fail('unknown command: ' . $command);
}
