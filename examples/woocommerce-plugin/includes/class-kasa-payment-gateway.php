<?php
/**
 * The "Kasa" payment gateway. Kasa's server places orders with it through the Store API: the order
 * waits as "pending payment" and the cart empties, while the shopper pays by BLIK or pay-by-link
 * with Kasa's payment provider. When the provider confirms, the Kasa server marks the order paid
 * through REST v3 (`set_paid` with the transaction id).
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Offline gateway for orders Kasa collects the payment for.
 */
class Kasa_Payment_Gateway extends WC_Payment_Gateway {

	/**
	 * Sets the gateway up.
	 */
	public function __construct() {
		$this->id                 = 'kasa';
		$this->has_fields         = false;
		$this->method_title       = __( 'Kasa (BLIK, pay-by-link)', 'kasa-checkout' );
		$this->method_description = __( 'Orders placed in Kasa wait here for their payment; the Kasa server marks them paid when the payment provider confirms it. Shoppers do not see this method at the shop\'s own checkout.', 'kasa-checkout' );
		$this->supports           = array( 'products' );

		$this->init_form_fields();
		$this->init_settings();
		$this->title       = $this->get_option( 'title' );
		$this->description = '';

		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	/**
	 * The gateway's settings.
	 */
	public function init_form_fields() {
		$this->form_fields = array(
			'enabled' => array(
				'title'   => __( 'Enable', 'kasa-checkout' ),
				'type'    => 'checkbox',
				'label'   => __( 'Take orders from Kasa', 'kasa-checkout' ),
				'default' => 'yes',
			),
			'title'   => array(
				'title'   => __( 'Name on the order', 'kasa-checkout' ),
				'type'    => 'text',
				'default' => __( 'BLIK / pay-by-link (Kasa)', 'kasa-checkout' ),
			),
		);
	}

	/**
	 * Available only to Store API requests (where Kasa's server places orders), never at the
	 * classic checkout page.
	 *
	 * @return bool
	 */
	public function is_available() {
		if ( ! parent::is_available() ) {
			return false;
		}
		$uri = isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
		return WC()->is_rest_api_request() && false !== strpos( $uri, '/wc/store/' );
	}

	/**
	 * The order waits for Kasa's payment; the cart is emptied as for any placed order.
	 *
	 * @param int $order_id Order id.
	 * @return array
	 */
	public function process_payment( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order ) {
			return array( 'result' => 'failure' );
		}
		$order->update_status( 'pending', __( 'Waiting for the payment in Kasa.', 'kasa-checkout' ) );
		if ( WC()->cart ) {
			WC()->cart->empty_cart();
		}
		// The Store API takes a session's pending order as the draft of its next checkout when the
		// cart is the same: a customer who buys the same cart again through Kasa (another Kasa
		// checkout) would get this order, awaiting another payment, rewritten. It is placed: it is no
		// draft of this session any more.
		if ( WC()->session ) {
			WC()->session->set( 'store_api_draft_order', 0 );
		}
		return array(
			'result'   => 'success',
			'redirect' => '',
		);
	}
}
