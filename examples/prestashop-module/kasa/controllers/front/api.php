<?php
/**
 * The Kasa endpoint: `index.php?fc=module&module=kasa&controller=api&action=…`, JSON in and out.
 * Every call carries the shared key in `X-Kasa-Key`, compared in constant time.
 *
 * - `GET action=info`: shop ids Kasa needs (language, currency, Poland, guest group, order states,
 *   installed payment modules), and what `kasa doctor` checks: where lockers go, whether the webhook
 *   URL is set, and the webhook secret proved by signing `probe` (never shown).
 * - `GET action=cart&cart=<ref>`: a cart's lines and totals, and every carrier's price for it.
 * - `POST action=attach`: stores the locker (and the shopper's storefront cart, `source_cart`,
 *   emptied once the order exists) for a cart Kasa prepared, checks PrestaShop's total
 *   equals what the shopper agreed to (409 otherwise) and, for cash on delivery, creates the order
 *   in the COD state (the webservice would create it paid).
 * - `GET action=order&cart=<id>`: a Kasa cart read back: checkout, locker, invoice data, order.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaApiModuleFrontController extends ModuleFrontController
{
    public $auth = false;
    public $guestAllowed = true;
    public $ssl = true;
    public $ajax = true;

    /** @var Kasa */
    public $module;

    public function postProcess()
    {
        header('Cache-Control: no-store');
        header('X-Robots-Tag: noindex');
        if (!$this->authorized()) {
            $this->respond(401, ['error' => 'unauthorized', 'message' => 'Missing or wrong X-Kasa-Key.']);
        }
        try {
            switch ((string) Tools::getValue('action')) {
                case 'info':
                    $this->respond(200, ['shop' => $this->shop(), 'doctor' => $this->doctor()]);
                    break;
                case 'cart':
                    $this->cart();
                    break;
                case 'attach':
                    $this->attach();
                    break;
                case 'order':
                    $this->order();
                    break;
                default:
                    $this->respond(400, ['error' => 'unknown_action', 'message' => 'Use action=info, cart, attach or order.']);
            }
        } catch (Exception $e) {
            PrestaShopLogger::addLog('Kasa endpoint: ' . $e->getMessage(), 3);
            $this->respond(500, ['error' => 'internal', 'message' => 'The Kasa module failed; see the PrestaShop log.']);
        }
    }

    private function authorized()
    {
        $expected = (string) Configuration::get(Kasa::CONFIG_API_KEY);
        $given = isset($_SERVER['HTTP_X_KASA_KEY']) ? (string) $_SERVER['HTTP_X_KASA_KEY'] : '';

        return $expected !== '' && hash_equals($expected, $given);
    }

    private function respond($status, array $body)
    {
        $json = (string) json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        // Nothing but the JSON: stray output (a notice) would make it unreadable.
        while (ob_get_level() > 0 && @ob_end_clean()) {
        }
        http_response_code($status);
        header('Content-Type: application/json; charset=utf-8');
        // With its length the caller has the whole answer before anything sent after it (webhooks).
        header('Content-Length: ' . strlen($json));
        echo $json;
        exit;
    }

    private static function amount($value)
    {
        return number_format((float) Tools::ps_round((float) $value, 2), 2, '.', '');
    }

    private static function iso($date)
    {
        $time = strtotime((string) $date);

        return date('c', $time === false ? time() : $time);
    }

    private function shop()
    {
        $currency = new Currency((int) Configuration::get('PS_CURRENCY_DEFAULT'));
        $modules = [];
        foreach (self::paymentModules() as $name) {
            $modules[] = ['name' => $name, 'active' => (bool) Module::isEnabled($name)];
        }

        return [
            'ps_version' => _PS_VERSION_,
            'module_version' => $this->module->version,
            'lang_id' => (int) Configuration::get('PS_LANG_DEFAULT'),
            'currency_id' => (int) $currency->id,
            'currency_iso' => (string) $currency->iso_code,
            'country_id' => (int) Country::getByIso('PL'),
            'guest_group_id' => (int) Configuration::get('PS_GUEST_GROUP'),
            'states' => [
                'ws_payment' => (int) Configuration::get('PS_OS_WS_PAYMENT'),
                'error' => (int) Configuration::get('PS_OS_ERROR'),
                'cod' => (int) Configuration::get('PS_OS_COD_VALIDATION'),
                'cancelled' => (int) Configuration::get('PS_OS_CANCELED'),
            ],
            'payment_modules' => $modules,
        ];
    }

    /**
     * Installed modules that are payment modules (`PaymentModule` instances), whether or not they
     * show in the shop's checkout. `PaymentModule::getInstalledPaymentModules()` lists only modules
     * hooked on `paymentOptions`, and Kasa deliberately is not, yet `POST /api/orders` with
     * `module=kasa` needs it. Only modules whose main file mentions PaymentModule are loaded.
     *
     * @return string[]
     */
    private static function paymentModules()
    {
        $names = [];
        $rows = Db::getInstance()->executeS('SELECT `name` FROM `' . _DB_PREFIX_ . 'module` ORDER BY `name`');
        foreach ($rows ?: [] as $row) {
            $name = (string) $row['name'];
            $file = _PS_MODULE_DIR_ . $name . '/' . $name . '.php';
            if (!Validate::isModuleName($name) || !is_file($file)
                || strpos((string) file_get_contents($file), 'PaymentModule') === false) {
                continue;
            }
            if (Module::getInstanceByName($name) instanceof PaymentModule) {
                $names[] = $name;
            }
        }

        return $names;
    }

    /** For `kasa doctor`: the secret is proved by signing the caller's random probe, never sent. */
    private function doctor()
    {
        $probe = (string) Tools::getValue('probe');

        return [
            'lockers' => KasaLockerStore::status(),
            'webhook_url' => (string) Configuration::get(Kasa::CONFIG_WEBHOOK_URL) !== '',
            'probe_signature' => preg_match('/^[A-Za-z0-9_-]{16,64}$/', $probe)
                ? KasaWebhook::sign($probe, (string) Configuration::get(Kasa::CONFIG_WEBHOOK_SECRET))
                : null,
        ];
    }

    private function presentCart(Cart $cart)
    {
        $currency = new Currency((int) $cart->id_currency);
        $lines = [];
        foreach ($cart->getProducts(true) as $product) {
            $name = (string) $product['name'];
            if (!empty($product['attributes'])) {
                $name .= ' - ' . $product['attributes'];
            }
            $image = null;
            if (!empty($product['id_image'])) {
                $image = $this->context->link->getImageLink(
                    (string) $product['link_rewrite'],
                    (string) $product['id_image'],
                    ImageType::getFormattedName('home')
                );
            }
            $lines[] = [
                'id_product' => (int) $product['id_product'],
                'id_product_attribute' => (int) $product['id_product_attribute'],
                'id_customization' => isset($product['id_customization']) ? (int) $product['id_customization'] : 0,
                'name' => $name,
                'reference' => (string) $product['reference'],
                'quantity' => (int) $product['cart_quantity'],
                'unit_price_tax_incl' => self::amount($product['price_wt']),
                'total_tax_incl' => self::amount($product['total_wt']),
                'tax_rate' => number_format((float) $product['rate'], 3, '.', ''),
                'image_url' => $image,
            ];
        }

        return [
            'id' => (int) $cart->id,
            'currency_iso' => (string) $currency->iso_code,
            'id_customer' => (int) $cart->id_customer,
            'id_address_delivery' => (int) $cart->id_address_delivery,
            'id_address_invoice' => (int) $cart->id_address_invoice,
            'id_carrier' => (int) $cart->id_carrier,
            'date_add' => self::iso($cart->date_add),
            'lines' => $lines,
            'totals' => [
                'products' => self::amount($cart->getOrderTotal(true, Cart::ONLY_PRODUCTS)),
                'shipping' => self::amount($cart->id_carrier ? $cart->getOrderTotal(true, Cart::ONLY_SHIPPING) : 0),
                'total' => self::amount($cart->getOrderTotal(true, $cart->id_carrier ? Cart::BOTH : Cart::BOTH_WITHOUT_SHIPPING)),
            ],
        ];
    }

    /** Every carrier available for the cart, priced for its delivery zone (Poland before an address exists). */
    private function presentCarriers(Cart $cart)
    {
        $idZone = 0;
        if ($cart->id_address_delivery) {
            $idZone = (int) Address::getZoneById((int) $cart->id_address_delivery);
        }
        if (!$idZone) {
            $idZone = (int) Country::getIdZone((int) Country::getByIso('PL'));
        }
        $groups = $cart->id_customer ? Customer::getGroupsStatic((int) $cart->id_customer) : [(int) Configuration::get('PS_UNIDENTIFIED_GROUP')];
        $configured = array_filter(array_map('intval', explode(',', (string) Configuration::get(Kasa::CONFIG_LOCKER_CARRIERS))));
        $carriers = [];
        foreach (Carrier::getCarriersForOrder($idZone, $groups, $cart) as $carrier) {
            $id = (int) $carrier['id_carrier'];
            $reference = isset($carrier['id_reference']) ? (int) $carrier['id_reference'] : $id;
            $locker = in_array($reference, $configured, true);
            if (!$locker && class_exists('InPostCarrierModel')) {
                $data = InPostCarrierModel::getDataByCarrierId($id);
                $locker = is_array($data) && !empty($data['lockerService']);
            }
            $carriers[] = [
                'id' => $id,
                'id_reference' => $reference,
                'name' => (string) $carrier['name'],
                'delay' => isset($carrier['delay']) ? (string) $carrier['delay'] : '',
                'price' => self::amount($carrier['price']),
                'regular_price' => null,
                'locker' => $locker,
                'module' => isset($carrier['external_module_name']) ? (string) $carrier['external_module_name'] : '',
            ];
        }

        return $carriers;
    }

    private function presentOrder($idCart)
    {
        $idOrder = (int) Order::getIdByCartId((int) $idCart);
        if (!$idOrder) {
            return null;
        }
        $order = new Order($idOrder);
        $state = new OrderState((int) $order->current_state);
        $transactionId = null;
        foreach ($order->getOrderPaymentCollection() as $payment) {
            if ((string) $payment->transaction_id !== '') {
                $transactionId = (string) $payment->transaction_id;
                break;
            }
        }

        return [
            'id' => (int) $order->id,
            'reference' => (string) $order->reference,
            'state' => (int) $order->current_state,
            'paid' => (bool) $state->paid,
            'module' => (string) $order->module,
            'payment' => (string) $order->payment,
            'total_paid' => self::amount($order->total_paid),
            'transaction_id' => $transactionId,
            'date_add' => self::iso($order->date_add),
        ];
    }

    private function loadCart($idCart)
    {
        $cart = new Cart((int) $idCart);
        if (!Validate::isLoadedObject($cart)) {
            $this->respond(404, ['error' => 'cart_not_found', 'message' => 'No cart with this id.']);
        }

        return $cart;
    }

    private function cart()
    {
        $idCart = Kasa::cartIdFromRef(Tools::getValue('cart'));
        if (!$idCart) {
            $this->respond(404, ['error' => 'cart_not_found', 'message' => 'No cart with this reference.']);
        }
        $cart = $this->loadCart($idCart);
        $this->respond(200, [
            'shop' => $this->shop(),
            'cart' => $this->presentCart($cart),
            'carriers' => $this->presentCarriers($cart),
        ]);
    }

    private function attach()
    {
        if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
            $this->respond(405, ['error' => 'method_not_allowed', 'message' => 'POST only.']);
        }
        $request = json_decode((string) file_get_contents('php://input'), true);
        if (!is_array($request)
            || !isset($request['cart'], $request['checkout'], $request['carrier'], $request['email'], $request['phone'])
            || !preg_match('/^[A-Za-z0-9_.:-]{1,100}$/', (string) $request['checkout'])
            || (isset($request['point']) && !preg_match('/^[A-Z0-9-]{3,20}$/', (string) $request['point']))
            || (isset($request['expected_total']) && !preg_match('/^\d{1,13}\.\d{2}$/', (string) $request['expected_total']))
            || (isset($request['source_cart']) && (!is_int($request['source_cart']) || $request['source_cart'] <= 0))
        ) {
            $this->respond(400, ['error' => 'bad_request', 'message' => 'Expected { cart, checkout, carrier, email, phone, point?, expected_total?, cod?, source_cart? }.']);
        }
        $cart = $this->loadCart((int) $request['cart']);
        // The shopper's storefront cart, emptied once Kasa's order exists (hookActionValidateOrder).
        $sourceCart = isset($request['source_cart']) ? (int) $request['source_cart'] : null;
        $total = self::amount($cart->getOrderTotal(true, Cart::BOTH));
        // PaymentModule::validateOrder files an order as a payment error when the amounts differ.
        if (isset($request['expected_total']) && $total !== (string) $request['expected_total']) {
            $this->respond(409, ['error' => 'total_mismatch', 'total' => $total, 'message' => 'PrestaShop computes another total for this cart.']);
        }

        $locker = null;
        if (isset($request['point'])) {
            $storage = KasaLockerStore::save(
                $cart,
                (string) $request['checkout'],
                (string) $request['point'],
                (string) $request['email'],
                (string) $request['phone'],
                $sourceCart
            );
            $locker = ['point' => (string) $request['point'], 'storage' => $storage];
        } else {
            KasaCarts::attach((int) $cart->id, (string) $request['checkout'], null, $sourceCart);
        }

        if (isset($request['cod']) && is_array($request['cod']) && !Order::getIdByCartId((int) $cart->id)) {
            $this->createCashOnDeliveryOrder($cart, $request['cod'], (float) $total);
        }

        $this->respond(200, [
            'shop' => $this->shop(),
            'cart' => $this->presentCart($cart),
            'locker' => $locker,
            'order' => $this->presentOrder((int) $cart->id),
        ]);
    }

    /** What the COD module's own validation controller does: the order in "awaiting cash on delivery". */
    private function createCashOnDeliveryOrder(Cart $cart, array $cod, $total)
    {
        $name = isset($cod['module']) ? (string) $cod['module'] : '';
        $module = Module::getInstanceByName($name);
        if (!($module instanceof PaymentModule) || !$module->active) {
            $this->respond(422, ['error' => 'cod_module_unavailable', 'message' => 'The cash-on-delivery module is not an installed, active payment module.']);
        }
        $customer = new Customer((int) $cart->id_customer);
        $label = isset($cod['label']) && Validate::isGenericName($cod['label']) ? (string) $cod['label'] : $module->displayName;
        $module->validateOrder(
            (int) $cart->id,
            (int) Configuration::get('PS_OS_COD_VALIDATION'),
            $total,
            $label,
            null,
            [],
            (int) $cart->id_currency,
            false,
            $customer->secure_key
        );
    }

    private function order()
    {
        $cart = $this->loadCart((int) Tools::getValue('cart'));
        $customer = new Customer((int) $cart->id_customer);
        $note = Validate::isLoadedObject($customer) ? KasaNote::parse($customer->note) : null;

        $this->respond(200, [
            'shop' => $this->shop(),
            'cart' => $this->presentCart($cart),
            'kasa' => $note === null ? null : [
                'checkout' => $note['checkout'],
                'expected_total' => $note['total'],
                'cancelled' => $note['cancelled'],
            ],
            'delivery_address' => $this->presentAddress((int) $cart->id_address_delivery),
            'invoice_address' => $this->presentAddress((int) $cart->id_address_invoice),
            'locker' => KasaLockerStore::find((int) $cart->id),
            'order' => $this->presentOrder((int) $cart->id),
        ]);
    }

    private function presentAddress($idAddress)
    {
        $address = new Address((int) $idAddress);
        if (!Validate::isLoadedObject($address)) {
            return null;
        }

        return [
            'id' => (int) $address->id,
            'company' => (string) $address->company,
            'vat_number' => (string) $address->vat_number,
        ];
    }
}
