<?php
/**
 * The checkout page: the shortcode [kasa_checkout] and the block "kasa/checkout" both render Kasa's
 * <kasa-checkout> for the shopper's cart.
 *
 * What happens on the server, before the page is sent (as the Kasa demo shop does it):
 * 1. the Store API (in-process) gives the Cart-Token of the shopper's cart session;
 * 2. the Kasa server starts a checkout for that token (or the one remembered for this session);
 * 3. the Kasa server renders the widget's first view, which goes into the page as it is, so the
 *    form shows before any script runs.
 * If Kasa cannot be reached, the shopper gets a link to the shop's usual checkout.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shortcode, block and rendering.
 */
final class Kasa_Checkout_Page {

	const SESSION_KEY  = 'kasa_checkout';
	const TIMEOUT      = 5;
	const FALLBACK_ARG = 'kasa-fallback';

	/**
	 * Registers the shortcode and the block.
	 */
	public static function init() {
		add_shortcode( 'kasa_checkout', array( __CLASS__, 'shortcode' ) );
		add_action( 'init', array( __CLASS__, 'register_block' ) );
		add_action( 'template_redirect', array( __CLASS__, 'replace_checkout' ) );
	}

	/**
	 * With "replace the checkout" on, the shop's checkout page sends the shopper on to the Kasa page,
	 * so every way there (the cart's "Proceed to checkout", the Cart and Mini-Cart blocks, a menu
	 * link) ends at Kasa. Only the bare page: its endpoints (order received, order pay) stay, and a
	 * shopper whom the Kasa page sent back (Kasa unreachable) keeps the shop's checkout.
	 */
	public static function replace_checkout() {
		if ( 'yes' !== Kasa_Settings::get( 'replace_checkout' ) || ! Kasa_Settings::is_configured() ) {
			return;
		}
		if ( ! function_exists( 'is_checkout' ) || ! is_checkout() || is_wc_endpoint_url() || is_admin() ) {
			return;
		}
		$page = Kasa_Settings::checkout_page_id();
		if ( $page <= 0 || (int) get_queried_object_id() === $page ) {
			return;
		}
		$session = WC()->session;
		if ( isset( $_GET[ self::FALLBACK_ARG ] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a navigation choice, not a form.
			if ( $session ) {
				$session->set( 'kasa_fallback_until', time() + 30 * MINUTE_IN_SECONDS );
			}
			return;
		}
		if ( $session && (int) $session->get( 'kasa_fallback_until' ) > time() ) {
			return;
		}
		wp_safe_redirect( get_permalink( $page ), 302, 'Kasa' );
		exit;
	}

	/**
	 * The shop's own checkout page, marked so it does not send the shopper back to Kasa: where the
	 * fallback goes when Kasa cannot be shown.
	 *
	 * @return string
	 */
	public static function shop_checkout_url() {
		return add_query_arg( self::FALLBACK_ARG, '1', wc_get_page_permalink( 'checkout' ) );
	}

	/**
	 * The block, rendered on the server; its editor script only shows a placeholder.
	 */
	public static function register_block() {
		register_block_type(
			KASA_CHECKOUT_DIR . '/blocks/checkout',
			array( 'render_callback' => array( __CLASS__, 'render_block' ) )
		);
	}

	/**
	 * [kasa_checkout layout="one-page|multi-step"]
	 *
	 * @param array|string $atts Shortcode attributes.
	 * @return string
	 */
	public static function shortcode( $atts ) {
		$atts = shortcode_atts( array( 'layout' => '' ), is_array( $atts ) ? $atts : array(), 'kasa_checkout' );
		return self::render( (string) $atts['layout'] );
	}

	/**
	 * The block's server rendering.
	 *
	 * @param array $attributes Block attributes.
	 * @return string
	 */
	public static function render_block( $attributes ) {
		$layout = isset( $attributes['layout'] ) ? (string) $attributes['layout'] : '';
		return self::render( $layout );
	}

	/**
	 * The checkout for the current shopper's cart.
	 *
	 * @param string $layout '', 'one-page' or 'multi-step' ('' lets Kasa's layout experiment choose).
	 * @return string
	 */
	public static function render( $layout ) {
		if ( is_admin() || ( defined( 'REST_REQUEST' ) && REST_REQUEST ) ) {
			return '';
		}
		if ( ! defined( 'DONOTCACHEPAGE' ) ) {
			define( 'DONOTCACHEPAGE', true ); // The page carries this shopper's checkout.
		}
		if ( ! Kasa_Settings::is_configured() ) {
			return current_user_can( 'manage_woocommerce' )
				? '<p class="kasa-notice">' . esc_html__( 'Kasa is not set up yet: fill in WooCommerce → Kasa.', 'kasa-checkout' ) . '</p>'
				: self::fallback();
		}
		if ( ! function_exists( 'WC' ) || null === WC()->cart || WC()->cart->is_empty() ) {
			return '<p class="kasa-notice">' . esc_html__( 'Your cart is empty.', 'kasa-checkout' ) . ' <a href="' . esc_url( wc_get_page_permalink( 'shop' ) ) . '">' . esc_html__( 'Back to the shop', 'kasa-checkout' ) . '</a></p>';
		}

		$token = self::cart_token();
		if ( '' === $token ) {
			return self::fallback();
		}
		$checkout_id = self::checkout_for( $token );
		if ( '' === $checkout_id ) {
			return self::fallback();
		}
		$fragment = self::fragment( $checkout_id, $layout );
		return '' === $fragment ? self::fallback() : $fragment;
	}

	/**
	 * The Cart-Token of the current session, from the Store API's own answer.
	 *
	 * @return string
	 */
	private static function cart_token() {
		return self::store_cart()['token'];
	}

	/**
	 * The Store API's cart of the current session (in-process, no HTTP) and its Cart-Token.
	 *
	 * @return array{token: string, cart: array}
	 */
	public static function store_cart() {
		if ( WC()->session && ! WC()->session->has_session() ) {
			WC()->session->set_customer_session_cookie( true );
		}
		$response = rest_do_request( new WP_REST_Request( 'GET', '/wc/store/v1/cart' ) );
		$headers  = $response->get_headers();
		$token    = isset( $headers['Cart-Token'] ) ? (string) $headers['Cart-Token'] : '';
		if ( '' === $token && WC()->session && is_callable( array( '\Automattic\WooCommerce\StoreApi\Utilities\CartTokenUtils', 'get_cart_token' ) ) ) {
			$token = (string) \Automattic\WooCommerce\StoreApi\Utilities\CartTokenUtils::get_cart_token( (string) WC()->session->get_customer_id() );
		}
		// The Store API's data holds objects (totals, prices): as plain arrays, the way JSON has it.
		$cart = json_decode( (string) wp_json_encode( $response->get_data() ), true );
		return array(
			'token' => $token,
			'cart'  => is_array( $cart ) ? $cart : array(),
		);
	}

	/**
	 * Calls the Kasa server.
	 *
	 * @param string     $method  'GET', 'POST' or 'PUT'.
	 * @param string     $path    Path under the server URL.
	 * @param array|null $body    JSON body.
	 * @param int        $timeout Seconds.
	 * @return array{status: int, body: string}
	 */
	private static function kasa( $method, $path, $body = null, $timeout = self::TIMEOUT ) {
		$args = array(
			'method'  => $method,
			'timeout' => $timeout,
			'headers' => array(
				'Accept'       => 'application/json, text/html',
				'Content-Type' => 'application/json',
				'X-Kasa-Shop'  => Kasa_Settings::get( 'public_key' ),
			),
		);
		// The shop's server starts every shopper's checkout from one address: with the shop key,
		// Kasa does not count these calls against a per-address limit.
		$shop_key = Kasa_Settings::get( 'shop_key' );
		if ( '' !== $shop_key ) {
			$args['headers']['Authorization'] = 'Bearer ' . $shop_key;
		}
		if ( null !== $body ) {
			$args['body'] = wp_json_encode( $body );
		}
		$response = wp_remote_request( Kasa_Settings::get( 'server_url' ) . $path, $args );
		if ( is_wp_error( $response ) ) {
			return array(
				'status' => 0,
				'body'   => '',
			);
		}
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'body'   => (string) wp_remote_retrieve_body( $response ),
		);
	}

	/**
	 * The Kasa checkout for this cart session: the remembered one while it is open (handed the
	 * session's cart when the session changed, e.g. at login, so the cart's view and its purchase
	 * stay one checkout), else a new one.
	 *
	 * @param string $token   The Cart-Token.
	 * @param int    $timeout Seconds per call to Kasa.
	 * @return string
	 */
	public static function checkout_for( $token, $timeout = self::TIMEOUT ) {
		$session    = WC()->session;
		$customer   = $session ? (string) $session->get_customer_id() : '';
		$remembered = $session ? $session->get( self::SESSION_KEY ) : null;
		$remember   = static function ( $id ) use ( $session, $customer ) {
			if ( $session ) {
				$session->set(
					self::SESSION_KEY,
					array(
						'customer' => $customer,
						'id'       => $id,
					)
				);
			}
			return $id;
		};
		if ( is_array( $remembered ) && isset( $remembered['customer'], $remembered['id'] ) ) {
			$id       = (string) $remembered['id'];
			$existing = self::kasa( 'GET', '/api/checkouts/' . rawurlencode( $id ), null, $timeout );
			$view     = json_decode( $existing['body'], true );
			// A paid or placed checkout belongs to its order: a new cart starts a new checkout.
			if ( 200 === $existing['status'] && is_array( $view ) && 'open' === ( $view['status'] ?? '' ) ) {
				if ( $remembered['customer'] === $customer ) {
					return $id;
				}
				$handed = self::kasa( 'PUT', '/api/checkouts/' . rawurlencode( $id ) . '/cart', array( 'cartRef' => $token ), $timeout );
				if ( 200 === $handed['status'] ) {
					return $remember( $id );
				}
			}
		}
		$created = self::kasa(
			'POST',
			'/api/checkouts',
			array(
				'cartRef' => $token,
				'locale'  => 0 === strpos( determine_locale(), 'pl' ) ? 'pl' : 'en',
			),
			$timeout
		);
		$json = json_decode( $created['body'], true );
		if ( 201 !== $created['status'] || ! is_array( $json ) || empty( $json['id'] ) || ! is_string( $json['id'] ) ) {
			return '';
		}
		return $remember( $json['id'] );
	}

	/**
	 * The widget's server-rendered first view (it contains <kasa-checkout> and its script).
	 *
	 * @param string $checkout_id Kasa checkout id.
	 * @param string $layout      Forced layout, or ''.
	 * @return string
	 */
	private static function fragment( $checkout_id, $layout ) {
		$query = array(
			'lang'  => 0 === strpos( determine_locale(), 'pl' ) ? 'pl' : 'en',
			'nonce' => wp_generate_password( 24, false, false ),
		);
		if ( in_array( $layout, array( 'one-page', 'multi-step' ), true ) ) {
			$query['layout'] = $layout;
		}
		// Kasa's tracker keeps the anonymous visitor id in this cookie only with analytics consent;
		// the layout experiment then buckets the visitor rather than each checkout.
		$visitor = isset( $_COOKIE['kasa_vid'] ) ? sanitize_text_field( wp_unslash( $_COOKIE['kasa_vid'] ) ) : '';
		if ( 1 === preg_match( '/^[A-Za-z0-9_-]{1,64}$/', $visitor ) ) {
			$query['visitor'] = $visitor;
		}
		$answer = self::kasa( 'GET', '/api/checkouts/' . rawurlencode( $checkout_id ) . '/fragment?' . http_build_query( $query ) );
		if ( 200 !== $answer['status'] || false === strpos( $answer['body'], '<kasa-checkout' ) ) {
			return '';
		}
		// Through wp_kses with the widget's own markup; its scripts enqueued (see Kasa_Fragment).
		$safe = Kasa_Fragment::sanitize( $answer['body'], Kasa_Settings::get( 'server_url' ) );
		return '' === $safe ? '' : '<div class="kasa-checkout-page">' . $safe . '</div>';
	}

	/**
	 * When Kasa cannot be shown: the shop's usual checkout.
	 *
	 * @return string
	 */
	private static function fallback() {
		return '<p class="kasa-notice">' . esc_html__( 'The fast checkout is not available right now.', 'kasa-checkout' ) . ' <a class="button" href="' . esc_url( self::shop_checkout_url() ) . '">' . esc_html__( 'Go to the checkout', 'kasa-checkout' ) . '</a></p>';
	}
}
