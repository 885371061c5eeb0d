<?php
/**
 * Kasa for PrestaShop 8 and 9: what the webservice lacks for a headless one-page checkout.
 *
 * - A small JSON endpoint (controllers/front/api.php), authenticated with a shared key, for cart
 *   lines and totals and carrier prices as PrestaShop computes them, for storing the chosen parcel
 *   locker, and for creating cash-on-delivery orders in their own state.
 * - Hooks that tell Kasa about order status changes with a signed webhook (HMAC-SHA256 of the raw
 *   body, base64, in the X-Kasa-Signature header).
 * - The checkout button on the cart page.
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

class Kasa extends PaymentModule
{
    const CONFIG_API_KEY = 'KASA_API_KEY';
    const CONFIG_WEBHOOK_URL = 'KASA_WEBHOOK_URL';
    const CONFIG_WEBHOOK_SECRET = 'KASA_WEBHOOK_SECRET';
    const CONFIG_SERVER_URL = 'KASA_SERVER_URL';
    const CONFIG_WIDGET_URL = 'KASA_WIDGET_URL';
    const CONFIG_LOCKER_CARRIERS = 'KASA_LOCKER_CARRIERS';

    public function __construct()
    {
        $this->name = 'kasa';
        $this->tab = 'payments_gateways';
        $this->version = '1.0.0';
        $this->author = 'Kasa';
        $this->need_instance = 0;
        $this->ps_versions_compliancy = ['min' => '8.0.0', 'max' => '9.99.99'];
        $this->bootstrap = true;
        $this->controllers = ['api'];

        parent::__construct();

        $this->displayName = $this->l('Kasa one-page checkout');
        $this->description = $this->l('A one-page checkout with BLIK and InPost lockers, run by a Kasa server.');
        $this->confirmUninstall = $this->l('Kasa will stop taking orders for this shop. Continue?');
    }

    public function install()
    {
        return parent::install()
            && KasaCarts::createTable()
            && $this->registerHook('actionValidateOrder')
            && $this->registerHook('actionOrderStatusPostUpdate')
            && $this->registerHook('displayHeader')
            && $this->registerHook('displayExpressCheckout')
            && Configuration::updateValue(self::CONFIG_API_KEY, self::randomSecret())
            && Configuration::updateValue(self::CONFIG_WEBHOOK_SECRET, self::randomSecret())
            && Configuration::updateValue(self::CONFIG_WEBHOOK_URL, '')
            && Configuration::updateValue(self::CONFIG_SERVER_URL, '')
            && Configuration::updateValue(self::CONFIG_WIDGET_URL, '')
            && Configuration::updateValue(self::CONFIG_LOCKER_CARRIERS, '');
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

    // ------------------------------------------------------------------ configuration page

    public function getContent()
    {
        $output = '';
        if (Tools::isSubmit('submitKasa')) {
            $webhookUrl = trim((string) Tools::getValue(self::CONFIG_WEBHOOK_URL));
            $serverUrl = trim((string) Tools::getValue(self::CONFIG_SERVER_URL));
            $widgetUrl = trim((string) Tools::getValue(self::CONFIG_WIDGET_URL));
            $lockers = preg_replace('/[^0-9,]/', '', (string) Tools::getValue(self::CONFIG_LOCKER_CARRIERS));
            $errors = [];
            foreach ([$webhookUrl, $serverUrl, $widgetUrl] as $url) {
                if ($url !== '' && !Validate::isAbsoluteUrl($url)) {
                    $errors[] = sprintf($this->l('%s is not an absolute URL.'), $url);
                }
            }
            if ($errors) {
                $output .= $this->displayError(implode('<br>', array_map('htmlspecialchars', $errors)));
            } else {
                Configuration::updateValue(self::CONFIG_WEBHOOK_URL, $webhookUrl);
                Configuration::updateValue(self::CONFIG_SERVER_URL, $serverUrl);
                Configuration::updateValue(self::CONFIG_WIDGET_URL, $widgetUrl);
                Configuration::updateValue(self::CONFIG_LOCKER_CARRIERS, $lockers);
                if (Tools::getValue('regenerate')) {
                    Configuration::updateValue(self::CONFIG_API_KEY, self::randomSecret());
                    Configuration::updateValue(self::CONFIG_WEBHOOK_SECRET, self::randomSecret());
                }
                $output .= $this->displayConfirmation($this->l('Settings saved.'));
            }
        }

        return $output . $this->renderForm();
    }

    private function renderForm()
    {
        $form = [
            'form' => [
                'legend' => ['title' => $this->l('Kasa'), 'icon' => 'icon-cogs'],
                'description' => $this->l('Copy the shared key and the webhook secret into the Kasa server\'s PrestaShop settings (module.key and webhookSecret), together with a webservice key that may GET and POST customers, addresses, carts, orders and order_histories.'),
                'input' => [
                    ['type' => 'text', 'label' => $this->l('Shared key (module.key)'), 'name' => self::CONFIG_API_KEY, 'readonly' => true],
                    ['type' => 'text', 'label' => $this->l('Webhook secret (webhookSecret)'), 'name' => self::CONFIG_WEBHOOK_SECRET, 'readonly' => true],
                    ['type' => 'text', 'label' => $this->l('Kasa webhook URL'), 'name' => self::CONFIG_WEBHOOK_URL, 'desc' => $this->l('Where order status changes are sent, e.g. https://kasa.example.pl/api/webhooks/prestashop')],
                    ['type' => 'text', 'label' => $this->l('Kasa server URL'), 'name' => self::CONFIG_SERVER_URL],
                    ['type' => 'text', 'label' => $this->l('Widget script URL'), 'name' => self::CONFIG_WIDGET_URL],
                    ['type' => 'text', 'label' => $this->l('Locker carriers'), 'name' => self::CONFIG_LOCKER_CARRIERS, 'desc' => $this->l('Carrier reference ids (comma separated) that deliver to a parcel locker, when the InPost module does not say so itself.')],
                    [
                        'type' => 'switch',
                        'label' => $this->l('New key and secret'),
                        'name' => 'regenerate',
                        'is_bool' => true,
                        'values' => [
                            ['id' => 'regenerate_on', 'value' => 1, 'label' => $this->l('Yes')],
                            ['id' => 'regenerate_off', 'value' => 0, 'label' => $this->l('No')],
                        ],
                    ],
                ],
                'submit' => ['title' => $this->l('Save')],
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
            self::CONFIG_WEBHOOK_URL => Configuration::get(self::CONFIG_WEBHOOK_URL),
            self::CONFIG_SERVER_URL => Configuration::get(self::CONFIG_SERVER_URL),
            self::CONFIG_WIDGET_URL => Configuration::get(self::CONFIG_WIDGET_URL),
            self::CONFIG_LOCKER_CARRIERS => Configuration::get(self::CONFIG_LOCKER_CARRIERS),
            'regenerate' => 0,
        ];

        return $helper->generateForm([$form]);
    }

    // ------------------------------------------------------------------ hooks

    /**
     * The order exists: for a cart Kasa prepared, the transaction id the adapter put in the payment
     * label (`BLIK (payu) #T123`) goes to the payment row, where PrestaShop keeps transaction ids.
     */
    public function hookActionValidateOrder($params)
    {
        if (!isset($params['order']) || !($params['order'] instanceof Order)) {
            return;
        }
        $this->copyTransactionId($params['order']);
    }

    /** Every status change of a Kasa order, the first one included, is sent to Kasa, signed. */
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
        KasaWebhook::send(
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

    /** Loads the widget script on the cart page. */
    public function hookDisplayHeader($params)
    {
        $widget = (string) Configuration::get(self::CONFIG_WIDGET_URL);
        $controller = $this->context->controller;
        if ($widget === '' || !($controller instanceof CartController)) {
            return '';
        }
        $controller->registerJavascript('kasa-widget', $widget, ['server' => 'remote', 'attributes' => 'defer']);

        return '';
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
