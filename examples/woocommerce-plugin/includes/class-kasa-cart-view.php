<?php
/**
 * Cart abandonment from the shop's own cart page (the classic cart and the Cart block): when the
 * cart page shows a cart, the cart's Kasa checkout is started (or handed the cart, when the session
 * changed) and a `view_cart` event is queued for Kasa's tracker, so the cart's view and its later
 * purchase are one checkout in Kasa's reports. The tracker sends product ids, quantities and
 * prices only, never personal data. When Kasa cannot be reached the page shows as always.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * The cart page's part for Kasa's analytics.
 */
final class Kasa_Cart_View {

	/** Seconds the cart page waits for Kasa: the shop's own page must not wait long. */
	const TIMEOUT = 2;

	/**
	 * Hooks in once the request knows it is the cart page.
	 */
	public static function init() {
		add_action( 'wp', array( __CLASS__, 'maybe_track' ) );
	}

	/**
	 * Starts the cart's Kasa checkout and queues `view_cart` on a cart page with a cart.
	 */
	public static function maybe_track() {
		if ( is_admin() || ! Kasa_Settings::is_configured() || ! function_exists( 'is_cart' ) || ! is_cart() ) {
			return;
		}
		if ( ! function_exists( 'WC' ) || null === WC()->cart || WC()->cart->is_empty() ) {
			return;
		}
		if ( ! defined( 'DONOTCACHEPAGE' ) ) {
			define( 'DONOTCACHEPAGE', true ); // The page now carries this shopper's checkout id.
		}
		$store = Kasa_Checkout_Page::store_cart();
		if ( '' === $store['token'] || empty( $store['cart']['items'] ) ) {
			return;
		}
		$checkout_id = Kasa_Checkout_Page::checkout_for( $store['token'], self::TIMEOUT );
		if ( '' === $checkout_id ) {
			return;
		}
		$event = self::view_cart( $store['cart'] );
		if ( null === $event ) {
			return;
		}
		$queued = array(
			'shopId'     => Kasa_Settings::get( 'public_key' ),
			'checkoutId' => $checkout_id,
			'event'      => $event,
		);
		wp_register_script( 'kasa-cart-view', false, array(), KASA_CHECKOUT_VERSION, false );
		wp_enqueue_script( 'kasa-cart-view' );
		wp_add_inline_script(
			'kasa-cart-view',
			'var k=window.kasa=window.kasa||{};(k.q=k.q||[]).push(' . wp_json_encode( $queued, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES ) . ');'
		);
		// The tracker's stable address redirects to its current build.
		wp_enqueue_script_module( 'kasa-tracker', Kasa_Settings::get( 'server_url' ) . '/widget/kasa-tracker.js', array(), null );
	}

	/**
	 * The `view_cart` event of a Store API cart: value and prices in minor units (grosze).
	 *
	 * @param array $cart The Store API cart.
	 * @return array|null
	 */
	private static function view_cart( array $cart ) {
		$totals   = isset( $cart['totals'] ) && is_array( $cart['totals'] ) ? $cart['totals'] : array();
		$currency = isset( $totals['currency_code'] ) ? (string) $totals['currency_code'] : '';
		$shift    = 2 - (int) ( $totals['currency_minor_unit'] ?? 2 );
		if ( ! preg_match( '/^[A-Z]{3}$/', $currency ) || $shift < 0 ) {
			return null;
		}
		$minor = static function ( $value ) use ( $shift ) {
			return (int) $value * ( 10 ** $shift );
		};
		$items = array();
		foreach ( $cart['items'] as $item ) {
			$items[] = array(
				'item_id'  => (string) ( $item['id'] ?? '' ),
				'quantity' => (int) ( $item['quantity'] ?? 0 ),
				'price'    => $minor( $item['prices']['price'] ?? 0 ),
			);
		}
		return array(
			'name'   => 'view_cart',
			'params' => array(
				'value'    => $minor( $totals['total_items'] ?? 0 ) + $minor( $totals['total_items_tax'] ?? 0 ),
				'currency' => $currency,
				'items'    => $items,
			),
		);
	}
}
