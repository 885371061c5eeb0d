<?php
/**
 * Plugin Name:          Kasa – fast checkout (BLIK, InPost parcel lockers)
 * Plugin URI:           https://github.com/kasa-checkout/kasa
 * Description:          One-page checkout for Polish shops. Renders Kasa's <kasa-checkout> on a page (shortcode [kasa_checkout] or the "Kasa checkout" block), lets the parcel-locker id arrive with the order, and sets up the order webhook for the Kasa server.
 * Version:              0.2.0
 * Requires at least:    6.5
 * Requires PHP:         7.4
 * Requires Plugins:     woocommerce
 * WC requires at least: 8.9
 * WC tested up to:      10.0
 * Author:               Kasa
 * License:              MIT
 * Text Domain:          kasa-checkout
 * Domain Path:          /languages
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

define( 'KASA_CHECKOUT_VERSION', '0.2.0' );
define( 'KASA_CHECKOUT_FILE', __FILE__ );
define( 'KASA_CHECKOUT_DIR', __DIR__ );

require_once __DIR__ . '/includes/class-kasa-settings.php';
require_once __DIR__ . '/includes/class-kasa-store-api.php';
require_once __DIR__ . '/includes/class-kasa-gateway.php';
require_once __DIR__ . '/includes/class-kasa-webhooks.php';
require_once __DIR__ . '/includes/class-kasa-fragment.php';
require_once __DIR__ . '/includes/class-kasa-checkout-page.php';
require_once __DIR__ . '/includes/class-kasa-admin-order.php';
require_once __DIR__ . '/includes/class-kasa-cart-view.php';

// Kasa reads and writes orders only through WooCommerce's order API, so it works with HPOS.
add_action(
	'before_woocommerce_init',
	static function () {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', KASA_CHECKOUT_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', KASA_CHECKOUT_FILE, true );
		}
	}
);

add_action(
	'plugins_loaded',
	static function () {
		if ( ! class_exists( 'WooCommerce' ) ) {
			add_action( 'admin_notices', array( 'Kasa_Settings', 'notice_woocommerce_missing' ) );
			return;
		}
		Kasa_Settings::init();
		Kasa_Store_Api::init();
		Kasa_Gateway::init();
		Kasa_Webhooks::init();
		Kasa_Checkout_Page::init();
		Kasa_Admin_Order::init();
		Kasa_Cart_View::init();
	}
);

// English source strings; the Polish translation ships in languages/ (kasa-checkout-pl_PL.mo).
add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'kasa-checkout', false, dirname( plugin_basename( KASA_CHECKOUT_FILE ) ) . '/languages' );
	},
	0
);

register_activation_hook( __FILE__, array( 'Kasa_Settings', 'activate' ) );
register_deactivation_hook( __FILE__, array( 'Kasa_Webhooks', 'pause' ) );
