<?php
/**
 * Kasa's checkout page: `index.php?fc=module&module=kasa&controller=checkout`, where the order page
 * sends shoppers when "Replace the shop's checkout with Kasa" is on.
 *
 * Before the page is sent, the shop's server starts the cart's Kasa checkout (or reuses the one in
 * the shopper's cookie while it is open) and fetches the widget's server-rendered first view, which
 * goes into the theme's page as it is (sanitised, see KasaFragment), so the form shows before any
 * script runs. When Kasa cannot be reached, answers an error or sends something that is not the
 * widget, the shopper is sent to the shop's own checkout, never to a dead end.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaCheckoutModuleFrontController extends ModuleFrontController
{
    /** Seconds per call to Kasa: the shopper is waiting for the page. */
    const TIMEOUT_SECONDS = 5;

    public $auth = false;
    public $guestAllowed = true;
    public $ssl = true;

    /** @var Kasa */
    public $module;

    public function initContent()
    {
        parent::initContent();
        header('Cache-Control: no-store, private');
        header('X-Robots-Tag: noindex');

        $cart = $this->context->cart;
        if (!Validate::isLoadedObject($cart) || !$cart->nbProducts()) {
            Tools::redirect($this->context->link->getPageLink('cart', null, null, ['action' => 'show']));
        }
        if (!Kasa::isConfigured()) {
            $this->toShopCheckout('not configured');
        }
        $server = Kasa::server();
        $locale = $this->module->locale();
        $checkoutId = $server->checkoutFor($cart, $this->context->cookie, $locale, self::TIMEOUT_SECONDS);
        if ($checkoutId === '') {
            $this->toShopCheckout('no checkout');
        }
        $nonce = rtrim(strtr(base64_encode(random_bytes(18)), '+/', '-_'), '=');
        // Kasa's tracker keeps the anonymous visitor id in this cookie only with analytics consent;
        // the layout experiment then buckets the visitor rather than each checkout.
        $visitor = isset($_COOKIE['kasa_vid']) ? (string) $_COOKIE['kasa_vid'] : '';
        $fragment = $server->fragment($checkoutId, $locale, $nonce, $visitor, self::TIMEOUT_SECONDS);
        $safe = $fragment === '' ? '' : KasaFragment::sanitize($fragment, (string) Configuration::get(Kasa::CONFIG_SERVER_URL), $nonce);
        if ($safe === '') {
            $this->toShopCheckout($fragment === '' ? 'no fragment' : 'fragment refused');
        }

        $this->context->smarty->assign([
            'kasa_fragment' => $safe,
            'kasa_shop_checkout_url' => $this->module->shopCheckoutUrl(),
        ]);
        $this->setTemplate('module:kasa/views/templates/front/checkout.tpl');
    }

    public function getTemplateVarPage()
    {
        $page = parent::getTemplateVarPage();
        $page['meta']['title'] = $this->module->getTranslator()->trans('Checkout', [], 'Modules.Kasa.Shop');
        $page['meta']['robots'] = 'noindex';

        return $page;
    }

    public function getBreadcrumbLinks()
    {
        $breadcrumb = parent::getBreadcrumbLinks();
        $breadcrumb['links'][] = [
            'title' => $this->module->getTranslator()->trans('Checkout', [], 'Modules.Kasa.Shop'),
            'url' => $this->context->link->getModuleLink('kasa', 'checkout'),
        ];

        return $breadcrumb;
    }

    /** Kasa cannot be shown: the shop's own checkout, remembered there for half an hour. */
    private function toShopCheckout($why)
    {
        PrestaShopLogger::addLog('Kasa checkout not shown (' . $why . '): the shopper was sent to the shop\'s checkout.', 1, null, 'Cart', (int) $this->context->cart->id, true);
        Tools::redirect($this->module->shopCheckoutUrl());
    }
}
