<?php
/**
 * Kasa for PrestaShop 8 and 9: Kasa's checkout in the shop, and what the webservice lacks for it.
 *
 * - A small JSON endpoint (controllers/front/api.php), authenticated with a shared key, for cart
 *   lines and totals and carrier prices as PrestaShop computes them, for storing the chosen parcel
 *   locker, and for creating cash-on-delivery orders in their own state.
 * - Kasa's server-rendered checkout on the module's own page (controllers/front/checkout.php),
 *   which replaces the shop's order page when the merchant turns that on; the shop's checkout is
 *   the fallback whenever Kasa cannot be shown.
 * - The cart page starts the cart's Kasa checkout and queues `view_cart` for Kasa's tracker.
 * - Hooks that tell Kasa about order status changes with a signed webhook (HMAC-SHA256 of the raw
 *   body, base64, in the X-Kasa-Signature header), sent once the response is complete, and that
 *   empty the shopper's storefront cart once Kasa's order exists.
 *
 * The class extends PaymentModule (itself a Module) so orders Kasa creates through the webservice
 * (`POST /api/orders` with `module=kasa`) are attributed to an installed payment module, which
 * PrestaShop requires.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

require_once __DIR__ . '/classes/KasaNote.php';
require_once __DIR__ . '/classes/KasaCarts.php';
require_once __DIR__ . '/classes/KasaLockerStore.php';
require_once __DIR__ . '/classes/KasaWebhook.php';
require_once __DIR__ . '/classes/KasaServer.php';
require_once __DIR__ . '/classes/KasaFragment.php';
require_once __DIR__ . '/classes/KasaCartView.php';

class Kasa extends PaymentModule
{
    const CONFIG_API_KEY = 'KASA_API_KEY';
    const CONFIG_WEBHOOK_URL = 'KASA_WEBHOOK_URL';
    const CONFIG_WEBHOOK_SECRET = 'KASA_WEBHOOK_SECRET';
    const CONFIG_SERVER_URL = 'KASA_SERVER_URL';
    const CONFIG_WIDGET_URL = 'KASA_WIDGET_URL';
    const CONFIG_LOCKER_CARRIERS = 'KASA_LOCKER_CARRIERS';
    const CONFIG_PUBLIC_KEY = 'KASA_PUBLIC_KEY';
    const CONFIG_SHOP_KEY = 'KASA_SHOP_KEY';
    const CONFIG_REPLACE_CHECKOUT = 'KASA_REPLACE_CHECKOUT';

    /** On the order page: "Kasa could not be shown, give me the shop's checkout". */
    const FALLBACK_PARAM = 'kasa-fallback';
    /** How long a shopper sent to the shop's checkout stays there. */
    const FALLBACK_SECONDS = 1800;
    const COOKIE_FALLBACK = 'kasa_fallback_until';

    const HOOKS = [
        'actionValidateOrder',
        'actionOrderStatusPostUpdate',
        'actionFrontControllerInitAfter',
        'displayHeader',
        'displayExpressCheckout',
    ];

    public function __construct()
    {
        $this->name = 'kasa';
        $this->tab = 'payments_gateways';
        // In step with packages/adapters/prestashop/package.json (a test checks it).
        $this->version = '0.1.0';
        $this->author = 'Kasa';
        $this->need_instance = 0;
        $this->ps_versions_compliancy = ['min' => '8.0.0', 'max' => '9.99.99'];
        $this->bootstrap = true;
        $this->controllers = ['api', 'checkout'];

        parent::__construct();

        $this->displayName = $this->trans('Kasa one-page checkout', [], 'Modules.Kasa.Admin');
        $this->description = $this->trans('A one-page checkout with BLIK and InPost lockers, run by a Kasa server.', [], 'Modules.Kasa.Admin');
        $this->confirmUninstall = $this->trans('Kasa will stop taking orders for this shop. Continue?', [], 'Modules.Kasa.Admin');
    }

    public function isUsingNewTranslationSystem()
    {
        return true;
    }

    public function install()
    {
        self::forgetCompiledTemplates();

        return parent::install()
            && KasaCarts::createTable()
            && $this->registerHook(self::HOOKS)
            && Configuration::updateValue(self::CONFIG_API_KEY, self::randomSecret())
            && Configuration::updateValue(self::CONFIG_WEBHOOK_SECRET, self::randomSecret())
            && Configuration::updateValue(self::CONFIG_SHOP_KEY, self::randomSecret())
            && Configuration::updateValue(self::CONFIG_WEBHOOK_URL, '')
            && Configuration::updateValue(self::CONFIG_SERVER_URL, '')
            && Configuration::updateValue(self::CONFIG_WIDGET_URL, '')
            && Configuration::updateValue(self::CONFIG_PUBLIC_KEY, '')
            && Configuration::updateValue(self::CONFIG_REPLACE_CHECKOUT, 0)
            && Configuration::updateValue(self::CONFIG_LOCKER_CARRIERS, '');
    }

    /**
     * The archive's files all carry one fixed date, older than the templates an earlier install
     * compiled: Smarty would go on serving those, so a reinstall or an upgrade drops them.
     */
    public static function forgetCompiledTemplates()
    {
        Tools::clearSmartyCache();
    }

    public function uninstall()
    {
        foreach ([
            self::CONFIG_API_KEY,
            self::CONFIG_WEBHOOK_URL,
            self::CONFIG_WEBHOOK_SECRET,
            self::CONFIG_SERVER_URL,
            self::CONFIG_WIDGET_URL,
            self::CONFIG_LOCKER_CARRIERS,
            self::CONFIG_PUBLIC_KEY,
            self::CONFIG_SHOP_KEY,
            self::CONFIG_REPLACE_CHECKOUT,
        ] as $name) {
            Configuration::deleteByName($name);
        }

        return KasaCarts::dropTable() && parent::uninstall();
    }

    /** 64 hex characters from a CSPRNG. */
    public static function randomSecret()
    {
        return bin2hex(random_bytes(32));
    }

    /**
     * The cart reference the storefront hands Kasa: `<id_cart>-<16 hex>`, the hex an HMAC of the id
     * under the shared key, so a shopper cannot read another cart by changing the number.
     */
    public static function cartRef($idCart)
    {
        $mac = hash_hmac('sha256', 'cart:' . (int) $idCart, (string) Configuration::get(self::CONFIG_API_KEY));

        return (int) $idCart . '-' . substr($mac, 0, 16);
    }

    /** Constant-time check of a reference from the storefront; the id on success, 0 otherwise. */
    public static function cartIdFromRef($ref)
    {
        if (!is_string($ref) || !preg_match('/^(\d{1,10})-[0-9a-f]{16}$/', $ref, $match)) {
            return 0;
        }

        return hash_equals(self::cartRef((int) $match[1]), $ref) ? (int) $match[1] : 0;
    }

    /** Kasa's checkout can be shown: the server URL and the shop's public key are set. */
    public static function isConfigured()
    {
        return (string) Configuration::get(self::CONFIG_SERVER_URL) !== ''
            && (string) Configuration::get(self::CONFIG_PUBLIC_KEY) !== '';
    }

    /** The Kasa server as seen from this shop's server. */
    public static function server()
    {
        return new KasaServer(
            (string) Configuration::get(self::CONFIG_SERVER_URL),
            (string) Configuration::get(self::CONFIG_PUBLIC_KEY),
            (string) Configuration::get(self::CONFIG_SHOP_KEY)
        );
    }

    /** 'pl' or 'en', from the shopper's language. */
    public function locale()
    {
        $language = $this->context->language;

        return $language && strpos((string) $language->iso_code, 'pl') === 0 ? 'pl' : 'en';
    }

    /** The shop's own checkout, marked so the order page does not send the shopper back to Kasa. */
    public function shopCheckoutUrl()
    {
        return $this->context->link->getPageLink('order', null, null, [self::FALLBACK_PARAM => 1]);
    }

    // ------------------------------------------------------------------ configuration page

    public function getContent()
    {
        $output = '';
        if (Tools::isSubmit('submitKasa')) {
            $webhookUrl = trim((string) Tools::getValue(self::CONFIG_WEBHOOK_URL));
            $serverUrl = rtrim(trim((string) Tools::getValue(self::CONFIG_SERVER_URL)), '/');
            $widgetUrl = trim((string) Tools::getValue(self::CONFIG_WIDGET_URL));
            $publicKey = trim((string) Tools::getValue(self::CONFIG_PUBLIC_KEY));
            $replace = (bool) Tools::getValue(self::CONFIG_REPLACE_CHECKOUT);
            $lockers = preg_replace('/[^0-9,]/', '', (string) Tools::getValue(self::CONFIG_LOCKER_CARRIERS));
            $errors = [];
            foreach ([$webhookUrl, $serverUrl, $widgetUrl] as $url) {
                if ($url !== '' && !Validate::isAbsoluteUrl($url)) {
                    $errors[] = $this->trans('%url% is not an absolute URL.', ['%url%' => $url], 'Modules.Kasa.Admin');
                }
            }
            if ($publicKey !== '' && !preg_match('/^[A-Za-z0-9_-]{1,64}$/', $publicKey)) {
                $errors[] = $this->trans('The public key is 1 to 64 letters, digits, "-" or "_": the shop id set in the Kasa server (shopId).', [], 'Modules.Kasa.Admin');
            }
            if ($replace && ($serverUrl === '' || $publicKey === '')) {
                $errors[] = $this->trans('To replace the shop\'s checkout, fill in the Kasa server URL and the public key first.', [], 'Modules.Kasa.Admin');
            }
            if ($errors) {
                // trans() has escaped the text already; the URL in it came from the merchant.
                $output .= $this->displayError(implode('<br>', $errors));
            } else {
                Configuration::updateValue(self::CONFIG_WEBHOOK_URL, $webhookUrl);
                Configuration::updateValue(self::CONFIG_SERVER_URL, $serverUrl);
                Configuration::updateValue(self::CONFIG_WIDGET_URL, $widgetUrl);
                Configuration::updateValue(self::CONFIG_PUBLIC_KEY, $publicKey);
                Configuration::updateValue(self::CONFIG_REPLACE_CHECKOUT, $replace ? 1 : 0);
                Configuration::updateValue(self::CONFIG_LOCKER_CARRIERS, $lockers);
                if (Tools::getValue('regenerate')) {
                    Configuration::updateValue(self::CONFIG_API_KEY, self::randomSecret());
                    Configuration::updateValue(self::CONFIG_WEBHOOK_SECRET, self::randomSecret());
                    Configuration::updateValue(self::CONFIG_SHOP_KEY, self::randomSecret());
                }
                $output .= $this->displayConfirmation($this->trans('Settings saved.', [], 'Modules.Kasa.Admin'));
            }
        }

        return $output . $this->renderForm();
    }

    private function renderForm()
    {
        $switch = function ($name, $label, $desc) {
            return [
                'type' => 'switch',
                'label' => $label,
                'name' => $name,
                'desc' => $desc,
                'is_bool' => true,
                'values' => [
                    ['id' => $name . '_on', 'value' => 1, 'label' => $this->trans('Yes', [], 'Modules.Kasa.Admin')],
                    ['id' => $name . '_off', 'value' => 0, 'label' => $this->trans('No', [], 'Modules.Kasa.Admin')],
                ],
            ];
        };
        $form = [
            'form' => [
                'legend' => ['title' => $this->trans('Kasa', [], 'Modules.Kasa.Admin'), 'icon' => 'icon-cogs'],
                'description' => $this->trans('Copy the shared key and the webhook secret into the Kasa server\'s PrestaShop settings (module.key and webhookSecret), together with a webservice key that may GET and POST customers, addresses, carts, orders and order_histories. The shop key goes into the Kasa server\'s shopKey.', [], 'Modules.Kasa.Admin'),
                'input' => [
                    ['type' => 'text', 'label' => $this->trans('Shared key (module.key)', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_API_KEY, 'readonly' => true],
                    ['type' => 'text', 'label' => $this->trans('Webhook secret (webhookSecret)', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_WEBHOOK_SECRET, 'readonly' => true],
                    ['type' => 'text', 'label' => $this->trans('Kasa shop key (shopKey)', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_SHOP_KEY, 'readonly' => true, 'desc' => $this->trans('Secret. The shop\'s server sends it when it starts its shoppers\' checkouts, so Kasa does not limit these calls as traffic from one address. Put it in the Kasa server\'s configuration as shopKey (KASA_SHOP_KEY).', [], 'Modules.Kasa.Admin')],
                    ['type' => 'text', 'label' => $this->trans('Kasa webhook URL', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_WEBHOOK_URL, 'desc' => $this->trans('Where order status changes are sent, e.g. https://kasa.example.pl/api/webhooks/prestashop', [], 'Modules.Kasa.Admin')],
                    ['type' => 'text', 'label' => $this->trans('Kasa server URL', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_SERVER_URL, 'desc' => $this->trans('The Kasa server\'s public address (publicUrl), e.g. https://kasa.example.pl', [], 'Modules.Kasa.Admin')],
                    ['type' => 'text', 'label' => $this->trans('Kasa public key (shop id)', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_PUBLIC_KEY, 'desc' => $this->trans('The shop\'s id in Kasa (shopId); it is public: it goes into the shop\'s pages.', [], 'Modules.Kasa.Admin')],
                    $switch(self::CONFIG_REPLACE_CHECKOUT, $this->trans('Replace the shop\'s checkout with Kasa', [], 'Modules.Kasa.Admin'), $this->trans('The order page sends shoppers to Kasa\'s checkout. The shop\'s own checkout stays: shoppers get it whenever Kasa cannot be reached.', [], 'Modules.Kasa.Admin')),
                    ['type' => 'text', 'label' => $this->trans('Widget script URL', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_WIDGET_URL, 'desc' => $this->trans('Only for the checkout button under the cart.', [], 'Modules.Kasa.Admin')],
                    ['type' => 'text', 'label' => $this->trans('Locker carriers', [], 'Modules.Kasa.Admin'), 'name' => self::CONFIG_LOCKER_CARRIERS, 'desc' => $this->trans('Carrier reference ids (comma separated) that deliver to a parcel locker, when the InPost module does not say so itself.', [], 'Modules.Kasa.Admin')],
                    $switch('regenerate', $this->trans('New keys and secret', [], 'Modules.Kasa.Admin'), $this->trans('Makes a new shared key, webhook secret and shop key on save; the Kasa server needs the new ones.', [], 'Modules.Kasa.Admin')),
                ],
                'submit' => ['title' => $this->trans('Save', [], 'Modules.Kasa.Admin')],
            ],
        ];

        $helper = new HelperForm();
        $helper->module = $this;
        $helper->name_controller = $this->name;
        $helper->token = Tools::getAdminTokenLite('AdminModules');
        $helper->currentIndex = AdminController::$currentIndex . '&configure=' . $this->name;
        $helper->submit_action = 'submitKasa';
        $helper->default_form_language = (int) Configuration::get('PS_LANG_DEFAULT');
        $helper->fields_value = [
            self::CONFIG_API_KEY => Configuration::get(self::CONFIG_API_KEY),
            self::CONFIG_WEBHOOK_SECRET => Configuration::get(self::CONFIG_WEBHOOK_SECRET),
            self::CONFIG_SHOP_KEY => Configuration::get(self::CONFIG_SHOP_KEY),
            self::CONFIG_WEBHOOK_URL => Configuration::get(self::CONFIG_WEBHOOK_URL),
            self::CONFIG_SERVER_URL => Configuration::get(self::CONFIG_SERVER_URL),
            self::CONFIG_PUBLIC_KEY => Configuration::get(self::CONFIG_PUBLIC_KEY),
            self::CONFIG_REPLACE_CHECKOUT => (int) Configuration::get(self::CONFIG_REPLACE_CHECKOUT),
            self::CONFIG_WIDGET_URL => Configuration::get(self::CONFIG_WIDGET_URL),
            self::CONFIG_LOCKER_CARRIERS => Configuration::get(self::CONFIG_LOCKER_CARRIERS),
            'regenerate' => 0,
        ];

        return $helper->generateForm([$form]);
    }

    // ------------------------------------------------------------------ hooks

    /**
     * The order exists. For a cart Kasa prepared: the transaction id the adapter put in the payment
     * label (`BLIK (payu) #T123`) goes to the payment row, where PrestaShop keeps transaction ids,
     * and the shopper's storefront cart the order was made from is emptied (Kasa orders a cart of
     * its own, so the shopper's would otherwise still hold what they just bought).
     */
    public function hookActionValidateOrder($params)
    {
        if (!isset($params['order']) || !($params['order'] instanceof Order)) {
            return;
        }
        $this->copyTransactionId($params['order']);
        $this->emptySourceCart($params['order']);
    }

    /**
     * Every status change of a Kasa order, the first one included, is sent to Kasa, signed, once
     * the response of the request that made it is complete (see KasaWebhook).
     */
    public function hookActionOrderStatusPostUpdate($params)
    {
        $idOrder = isset($params['id_order']) ? (int) $params['id_order'] : 0;
        $state = isset($params['newOrderStatus']) ? $params['newOrderStatus'] : null;
        if ($idOrder <= 0 || !($state instanceof OrderState)) {
            return;
        }
        $order = new Order($idOrder);
        if (!Validate::isLoadedObject($order) || KasaCarts::checkoutOf((int) $order->id_cart) === null) {
            return;
        }
        $this->copyTransactionId($order);
        $status = self::statusOf($order, $state);
        KasaWebhook::queue(
            (string) Configuration::get(self::CONFIG_WEBHOOK_URL),
            (string) Configuration::get(self::CONFIG_WEBHOOK_SECRET),
            [
                'topic' => 'order.' . $status,
                'orderId' => (string) (int) $order->id_cart,
                'cartId' => (int) $order->id_cart,
                'checkoutId' => KasaCarts::checkoutOf((int) $order->id_cart),
                'psOrderId' => (int) $order->id,
                'reference' => (string) $order->reference,
                'state' => [
                    'id' => (int) $state->id,
                    'name' => is_array($state->name) ? (string) reset($state->name) : (string) $state->name,
                    'paid' => (bool) $state->paid,
                ],
                'status' => $status,
                'occurredAt' => date('c'),
            ]
        );
    }

    /**
     * With "Replace the shop's checkout" on, the order page sends the shopper to Kasa's checkout
     * page, so every way there (the cart's "Proceed to checkout", the cart preview, a link) ends at
     * Kasa. Only a plain page view: the order page's own form posts and ajax calls stay. A shopper
     * whom Kasa's page sent back (Kasa unreachable, `kasa-fallback=1`) keeps the shop's checkout for
     * half an hour.
     */
    public function hookActionFrontControllerInitAfter($params)
    {
        $controller = isset($params['controller']) ? $params['controller'] : $this->context->controller;
        if (!($controller instanceof OrderController)
            || !Configuration::get(self::CONFIG_REPLACE_CHECKOUT)
            || !self::isConfigured()) {
            return;
        }
        $cookie = $this->context->cookie;
        if (Tools::getIsset(self::FALLBACK_PARAM)) {
            $cookie->{self::COOKIE_FALLBACK} = time() + self::FALLBACK_SECONDS;

            return;
        }
        if ((int) $cookie->{self::COOKIE_FALLBACK} > time()
            || $_SERVER['REQUEST_METHOD'] !== 'GET'
            || Tools::getValue('ajax')) {
            return;
        }
        $cart = $this->context->cart;
        if (!Validate::isLoadedObject($cart) || !$cart->nbProducts()) {
            return; // The order page sends an empty cart back to the cart page itself.
        }
        Tools::redirect($this->context->link->getModuleLink($this->name, 'checkout'));
    }

    /**
     * In the page head: on the cart page with products, the cart's Kasa checkout is started (or
     * reused) and `view_cart` queued for Kasa's tracker (see KasaCartView); and the widget script
     * for the checkout button, when set.
     */
    public function hookDisplayHeader($params)
    {
        $controller = $this->context->controller;
        if (!($controller instanceof CartController)) {
            return '';
        }
        $widget = (string) Configuration::get(self::CONFIG_WIDGET_URL);
        if ($widget !== '') {
            $controller->registerJavascript('kasa-widget', $widget, ['server' => 'remote', 'attributes' => 'defer']);
        }

        return $this->cartView();
    }

    private function cartView()
    {
        $cart = $this->context->cart;
        if (!self::isConfigured() || !Validate::isLoadedObject($cart) || !$cart->nbProducts()) {
            return '';
        }
        $currency = new Currency((int) $cart->id_currency);
        $event = KasaCartView::event(
            $cart->getProducts(),
            (string) $currency->iso_code,
            $cart->getOrderTotal(true, Cart::ONLY_PRODUCTS)
        );
        if ($event === null) {
            return '';
        }
        $checkoutId = self::server()->checkoutFor($cart, $this->context->cookie, $this->locale(), KasaCartView::TIMEOUT_SECONDS);
        if ($checkoutId === '') {
            return '';
        }
        // The page now carries this shopper's checkout id: no shared cache may keep it.
        header('Cache-Control: no-store, private');
        $this->context->smarty->assign([
            'kasa_queue' => KasaCartView::script((string) Configuration::get(self::CONFIG_PUBLIC_KEY), $checkoutId, $event),
            // The tracker's stable address redirects to its current build.
            'kasa_tracker_url' => (string) Configuration::get(self::CONFIG_SERVER_URL) . '/widget/kasa-tracker.js',
        ]);

        return $this->fetch('module:kasa/views/templates/hook/cart-view.tpl');
    }

    /** The Kasa button under the cart, carrying the signed cart reference. */
    public function hookDisplayExpressCheckout($params)
    {
        $cart = $this->context->cart;
        $server = (string) Configuration::get(self::CONFIG_SERVER_URL);
        if (!Validate::isLoadedObject($cart) || !$cart->nbProducts() || $server === '') {
            return '';
        }
        $this->context->smarty->assign([
            'kasa_cart_ref' => self::cartRef((int) $cart->id),
            'kasa_server_url' => $server,
        ]);

        return $this->display(__FILE__, 'views/templates/hook/express-checkout.tpl');
    }

    // ------------------------------------------------------------------ helpers

    public static function statusOf(Order $order, OrderState $state)
    {
        $id = (int) $state->id;
        if ($id === (int) Configuration::get('PS_OS_ERROR')) {
            return 'payment_error';
        }
        if ($id === (int) Configuration::get('PS_OS_CANCELED')) {
            return 'cancelled';
        }
        if ($state->paid) {
            return 'paid';
        }
        if ($id === (int) Configuration::get('PS_OS_COD_VALIDATION')) {
            return 'cash_on_delivery';
        }

        return 'updated';
    }

    /**
     * Empties the shopper's storefront cart a Kasa order was made from (the adapter names it in
     * `attach` as `source_cart`). Only a cart that has no order of its own and is not the order's.
     */
    private function emptySourceCart(Order $order)
    {
        $idSource = KasaCarts::sourceOf((int) $order->id_cart);
        if ($idSource <= 0 || $idSource === (int) $order->id_cart || Order::getIdByCartId($idSource)) {
            return;
        }
        $source = new Cart($idSource);
        if (!Validate::isLoadedObject($source)) {
            return;
        }
        try {
            foreach ($source->getProducts(true) as $product) {
                $source->deleteProduct(
                    (int) $product['id_product'],
                    (int) $product['id_product_attribute'],
                    isset($product['id_customization']) ? (int) $product['id_customization'] : 0,
                    (int) $product['id_address_delivery']
                );
            }
        } catch (Exception $e) {
            // The order stands; a cart left full is not worth failing it.
            PrestaShopLogger::addLog('Kasa: could not empty the shopper\'s cart ' . $idSource . ': ' . $e->getMessage(), 2, null, 'Cart', $idSource, true);
        }
    }

    private function copyTransactionId(Order $order)
    {
        if (KasaCarts::checkoutOf((int) $order->id_cart) === null) {
            return;
        }
        if (!preg_match('/#([^#]+)$/', (string) $order->payment, $match)) {
            return;
        }
        $transactionId = Tools::substr(trim($match[1]), 0, 254);
        foreach ($order->getOrderPaymentCollection() as $payment) {
            if ((string) $payment->transaction_id === '') {
                $payment->transaction_id = $transactionId;
                $payment->update();
            }
        }
    }
}
