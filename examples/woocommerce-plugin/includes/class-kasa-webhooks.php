<?php
/**
 * The order webhook that tells the Kasa server about order changes (for example a merchant who
 * cancels or refunds in the admin). WooCommerce signs each delivery with the shared secret:
 * `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the raw body.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Creates and keeps the webhook in line with the settings.
 */
final class Kasa_Webhooks {

	const OPTION = 'kasa_checkout_webhook_id';
	const TOPIC  = 'order.updated';

	/**
	 * Re-syncs whenever the settings are saved.
	 */
	public static function init() {
		add_action( 'add_option_' . Kasa_Settings::OPTION, array( __CLASS__, 'sync' ), 10, 0 );
		add_action( 'update_option_' . Kasa_Settings::OPTION, array( __CLASS__, 'sync' ), 10, 0 );
	}

	/**
	 * Where WooCommerce delivers: the Kasa server's WooCommerce webhook endpoint for this shop.
	 *
	 * @return string
	 */
	public static function delivery_url() {
		return Kasa_Settings::get( 'server_url' ) . '/api/webhooks/woocommerce?shop=' . rawurlencode( Kasa_Settings::get( 'public_key' ) );
	}

	/**
	 * The saved webhook, or null.
	 *
	 * @return WC_Webhook|null
	 */
	private static function current() {
		$id = (int) get_option( self::OPTION, 0 );
		if ( $id <= 0 || ! class_exists( 'WC_Webhook' ) ) {
			return null;
		}
		try {
			$webhook = new WC_Webhook( $id );
		} catch ( Exception $e ) {
			return null;
		}
		return $webhook->get_id() ? $webhook : null;
	}

	/**
	 * Creates the webhook, or updates its URL and secret.
	 */
	public static function sync() {
		if ( ! Kasa_Settings::is_configured() || ! class_exists( 'WC_Webhook' ) ) {
			return;
		}
		$webhook = self::current();
		if ( null === $webhook ) {
			$webhook = new WC_Webhook();
			$webhook->set_user_id( get_current_user_id() );
		}
		$webhook->set_name( __( 'Kasa: zmiany zamówień', 'kasa-checkout' ) );
		$webhook->set_topic( self::TOPIC );
		$webhook->set_delivery_url( self::delivery_url() );
		$webhook->set_secret( Kasa_Settings::get( 'webhook_secret' ) );
		$webhook->set_api_version( 'wp_api_v3' );
		$webhook->set_status( 'active' );
		$id = $webhook->save();
		update_option( self::OPTION, (int) $id, false );
	}

	/**
	 * On deactivation the webhook stops delivering, and comes back with the next settings save.
	 */
	public static function pause() {
		$webhook = self::current();
		if ( null !== $webhook ) {
			$webhook->set_status( 'paused' );
			$webhook->save();
		}
	}

	/**
	 * On uninstall the webhook goes away.
	 */
	public static function delete() {
		$webhook = self::current();
		if ( null !== $webhook ) {
			$webhook->delete( true );
		}
		delete_option( self::OPTION );
	}
}
