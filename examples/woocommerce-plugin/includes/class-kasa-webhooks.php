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

	const OPTION          = 'kasa_checkout_webhook_id';
	const DELIVERY_OPTION = 'kasa_checkout_webhook_delivery';
	const TOPIC           = 'order.updated';

	/**
	 * Re-syncs whenever the settings are saved; lets deliveries reach the configured Kasa server;
	 * keeps the last delivery's outcome for Kasa's doctor.
	 */
	public static function init() {
		add_action( 'add_option_' . Kasa_Settings::OPTION, array( __CLASS__, 'sync' ), 10, 0 );
		add_action( 'update_option_' . Kasa_Settings::OPTION, array( __CLASS__, 'sync' ), 10, 0 );
		add_filter( 'http_request_host_is_external', array( __CLASS__, 'allow_kasa_host' ), 10, 3 );
		add_filter( 'http_allowed_safe_ports', array( __CLASS__, 'allow_kasa_port' ), 10, 3 );
		add_action( 'woocommerce_webhook_delivery', array( __CLASS__, 'record_delivery' ), 10, 5 );
		add_filter( 'woocommerce_rest_prepare_shop_webhook', array( __CLASS__, 'rest_delivery_state' ), 10, 2 );
	}

	/**
	 * Whether a URL is on the Kasa server the merchant configured (scheme, host and port).
	 *
	 * @param string $url A requested URL.
	 * @return bool
	 */
	private static function is_kasa_url( $url ) {
		$server = Kasa_Settings::get( 'server_url' );
		if ( '' === $server || ! is_string( $url ) ) {
			return false;
		}
		$a = wp_parse_url( $server );
		$b = wp_parse_url( $url );
		if ( empty( $a['host'] ) || empty( $b['host'] ) ) {
			return false;
		}
		return strtolower( $a['scheme'] ?? '' ) === strtolower( $b['scheme'] ?? '' )
			&& strtolower( $a['host'] ) === strtolower( $b['host'] )
			&& (int) ( $a['port'] ?? 0 ) === (int) ( $b['port'] ?? 0 );
	}

	/**
	 * WordPress's safe requests (which WooCommerce delivers webhooks with) refuse hosts on the
	 * machine or the local network; the Kasa server the merchant configured may be one of them
	 * (`http://127.0.0.1:3000` beside the shop). Only that server is let through.
	 *
	 * @param bool   $external Whether WordPress treats the host as external.
	 * @param string $host     The requested host.
	 * @param string $url      The requested URL.
	 * @return bool
	 */
	public static function allow_kasa_host( $external, $host, $url ) {
		unset( $host );
		return $external || self::is_kasa_url( $url );
	}

	/**
	 * Safe requests go to ports 80, 443 and 8080 only: the configured Kasa server's port too.
	 *
	 * @param int[]  $ports Allowed ports.
	 * @param string $host  The requested host.
	 * @param string $url   The requested URL.
	 * @return int[]
	 */
	public static function allow_kasa_port( $ports, $host, $url ) {
		unset( $host );
		$port = (int) wp_parse_url( (string) $url, PHP_URL_PORT );
		if ( $port > 0 && self::is_kasa_url( $url ) && is_array( $ports ) ) {
			$ports[] = $port;
		}
		return $ports;
	}

	/**
	 * Keeps the outcome of the Kasa webhook's last delivery (status or error, never the body).
	 *
	 * @param array          $http_args  The request.
	 * @param array|WP_Error $response   The answer.
	 * @param float          $duration   Seconds.
	 * @param mixed          $arg        The resource id.
	 * @param int            $webhook_id The webhook.
	 */
	public static function record_delivery( $http_args, $response, $duration, $arg, $webhook_id ) {
		unset( $http_args, $duration, $arg );
		if ( (int) $webhook_id !== (int) get_option( self::OPTION, 0 ) ) {
			return;
		}
		$state = array(
			'at'     => gmdate( 'c' ),
			'status' => is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response ),
			'error'  => is_wp_error( $response ) ? $response->get_error_message() : '',
		);
		update_option( self::DELIVERY_OPTION, $state, false );
	}

	/**
	 * REST v3 shows the Kasa webhook's failure count and last delivery under `kasa`, so Kasa's
	 * doctor can tell a webhook that never arrives from a working one.
	 *
	 * @param WP_REST_Response $response The webhook's REST answer.
	 * @param WC_Webhook       $webhook  The webhook.
	 * @return WP_REST_Response
	 */
	public static function rest_delivery_state( $response, $webhook ) {
		if ( ! $webhook instanceof WC_Webhook || $webhook->get_id() !== (int) get_option( self::OPTION, 0 ) ) {
			return $response;
		}
		$data         = $response->get_data();
		$last         = get_option( self::DELIVERY_OPTION, null );
		$data['kasa'] = array(
			'plugin_version' => KASA_CHECKOUT_VERSION,
			'failure_count'  => (int) $webhook->get_failure_count(),
			'last_delivery'  => is_array( $last ) ? $last : null,
		);
		$response->set_data( $data );
		return $response;
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
		$webhook->set_name( __( 'Kasa: order changes', 'kasa-checkout' ) );
		$webhook->set_topic( self::TOPIC );
		$webhook->set_delivery_url( self::delivery_url() );
		$webhook->set_secret( Kasa_Settings::get( 'webhook_secret' ) );
		$webhook->set_api_version( 'wp_api_v3' );
		$webhook->set_status( 'active' );
		// A save starts afresh: the failures that may have disabled the webhook were the old setup's.
		$webhook->set_failure_count( 0 );
		$id = $webhook->save();
		update_option( self::OPTION, (int) $id, false );
		delete_option( self::DELIVERY_OPTION );
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
		delete_option( self::DELIVERY_OPTION );
	}
}
