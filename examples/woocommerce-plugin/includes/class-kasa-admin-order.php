<?php
/**
 * Kasa's part of an order on the admin order screen (both order storages): the Kasa checkout id,
 * the parcel locker and the payment provider, so the merchant can find the checkout in Kasa.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * The "Kasa" box under the order's general details.
 */
final class Kasa_Admin_Order {

	/**
	 * Hooks the box in.
	 */
	public static function init() {
		add_action( 'woocommerce_admin_order_data_after_order_details', array( __CLASS__, 'render' ) );
	}

	/**
	 * Prints what Kasa stored with the order; nothing for an order Kasa did not place.
	 *
	 * @param WC_Order $order The order on screen.
	 */
	public static function render( $order ) {
		if ( ! $order instanceof WC_Order ) {
			return;
		}
		$checkout_id = (string) $order->get_meta( Kasa_Store_Api::META_CHECKOUT );
		if ( '' === $checkout_id ) {
			return;
		}
		$rows = array(
			__( 'Kasa checkout', 'kasa-checkout' ) => $checkout_id,
			__( 'Parcel locker', 'kasa-checkout' )     => (string) $order->get_meta( Kasa_Store_Api::META_LOCKER ),
			__( 'Paid through', 'kasa-checkout' ) => (string) $order->get_meta( '_kasa_payment_provider' ),
		);
		echo '<div class="form-field form-field-wide kasa-order-details"><h3>' . esc_html__( 'Kasa', 'kasa-checkout' ) . '</h3><p>';
		foreach ( array_filter( $rows ) as $label => $value ) {
			echo '<strong>' . esc_html( $label ) . ':</strong> <code class="kasa-' . esc_attr( sanitize_title( $label ) ) . '">' . esc_html( $value ) . '</code><br />';
		}
		echo '</p></div>';
	}
}
