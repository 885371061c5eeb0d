<?php
/**
 * Registers the "Kasa" payment gateway once WooCommerce has loaded (its base class comes from
 * WooCommerce, which loads after this plugin).
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Gateway registration.
 */
final class Kasa_Gateway {

	/**
	 * Hooks the gateway in.
	 */
	public static function init() {
		require_once __DIR__ . '/class-kasa-payment-gateway.php';
		add_filter( 'woocommerce_payment_gateways', array( __CLASS__, 'add' ) );
	}

	/**
	 * Adds the gateway to WooCommerce's list.
	 *
	 * @param string[] $gateways Gateway class names.
	 * @return string[]
	 */
	public static function add( $gateways ) {
		$gateways[] = 'Kasa_Payment_Gateway';
		return $gateways;
	}
}
