<?php
/**
 * What lets Kasa's data arrive with the order in the one Store API checkout call:
 * - the Additional Checkout Field `kasa/inpost-point` (location "order"), copied to
 *   `_parcel_machine_id`, where the official InPost plugin reads the locker;
 * - `extensions.kasa` on the checkout route (Kasa's checkout id, idempotency key, locker, NIP),
 *   stored as order meta only when signed with the shop's secret, and echoed back so the Kasa
 *   server knows it need not write them again;
 * - one order per Kasa checkout: a second checkout for the same id is refused with 409;
 * - REST v3 `GET /orders?kasa_checkout_id=…` narrowed to that checkout's order.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Store API and REST v3 integration.
 */
final class Kasa_Store_Api {

	const FIELD_LOCKER   = 'kasa/inpost-point';
	const META_CHECKOUT  = '_kasa_checkout_id';
	const META_KEY       = '_kasa_idempotency_key';
	const META_LOCKER    = '_parcel_machine_id';
	const META_NIP       = '_billing_nip';
	const LOCKER_PATTERN = '/^[A-Z0-9-]{3,32}$/';

	/**
	 * What this request stored on the order, echoed in the checkout answer.
	 *
	 * @var array<string, string>
	 */
	private static $stored = array();

	/**
	 * Set when the Kasa server says the billing address is the locker's, given only because
	 * WooCommerce requires one: the address lines to restore on the customer's account (or an
	 * empty array for a guest).
	 *
	 * @var array<string, string>|null
	 */
	private static $locker_billing = null;

	const BILLING_LINES = array( 'address_1', 'address_2', 'city', 'state', 'postcode' );

	/**
	 * Hooks everything.
	 */
	public static function init() {
		add_action( 'woocommerce_init', array( __CLASS__, 'register_field' ) );
		add_action( 'woocommerce_blocks_loaded', array( __CLASS__, 'register_extension' ) );
		add_action( 'woocommerce_set_additional_field_value', array( __CLASS__, 'copy_locker' ), 10, 4 );
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( __CLASS__, 'store_on_order' ), 10, 2 );
		add_action( 'woocommerce_store_api_checkout_order_processed', array( __CLASS__, 'clear_locker_billing' ) );
		add_filter( 'woocommerce_rest_shop_order_object_query', array( __CLASS__, 'filter_rest_orders' ), 10, 2 );
		add_filter( 'woocommerce_rest_orders_prepare_object_query', array( __CLASS__, 'filter_rest_orders' ), 10, 2 );
	}

	/**
	 * The locker id as an Additional Checkout Field (WooCommerce 8.9+), stored with the order.
	 */
	public static function register_field() {
		if ( ! function_exists( 'woocommerce_register_additional_checkout_field' ) ) {
			return;
		}
		woocommerce_register_additional_checkout_field(
			array(
				'id'                => self::FIELD_LOCKER,
				'label'             => __( 'InPost parcel locker', 'kasa-checkout' ),
				'optionalLabel'     => __( 'InPost parcel locker (optional)', 'kasa-checkout' ),
				'location'          => 'order',
				'type'              => 'text',
				'required'          => false,
				'attributes'        => array(
					'autocomplete' => 'off',
					'pattern'      => '[A-Za-z0-9-]{3,32}',
					'title'        => __( 'Parcel locker code, e.g. KRA010', 'kasa-checkout' ),
				),
				'sanitize_callback' => array( __CLASS__, 'sanitize_locker' ),
				'validate_callback' => array( __CLASS__, 'validate_locker' ),
			)
		);
	}

	/**
	 * Locker ids are upper-case: `kra010 ` becomes `KRA010`.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_locker( $value ) {
		return strtoupper( trim( sanitize_text_field( (string) $value ) ) );
	}

	/**
	 * An empty value is fine (not every order goes to a locker); anything else must look like a point id.
	 *
	 * @param mixed $value Sanitised value.
	 * @return WP_Error|null
	 */
	public static function validate_locker( $value ) {
		if ( '' === $value || preg_match( self::LOCKER_PATTERN, (string) $value ) ) {
			return null;
		}
		return new WP_Error( 'kasa_invalid_locker', __( 'This does not look like a parcel locker code (e.g. KRA010).', 'kasa-checkout' ) );
	}

	/**
	 * Copies the field where the official InPost plugin reads the locker.
	 *
	 * @param string $key    Field id.
	 * @param mixed  $value  Value.
	 * @param string $group  Field group.
	 * @param mixed  $object The order or customer the value is set on.
	 */
	public static function copy_locker( $key, $value, $group, $object ) {
		unset( $group );
		if ( self::FIELD_LOCKER === $key && $object instanceof WC_Order && '' !== (string) $value ) {
			$object->update_meta_data( self::META_LOCKER, (string) $value );
		}
	}

	/**
	 * `extensions.kasa` on the Store API checkout.
	 */
	public static function register_extension() {
		if ( ! function_exists( 'woocommerce_store_api_register_endpoint_data' ) ) {
			return;
		}
		woocommerce_store_api_register_endpoint_data(
			array(
				'endpoint'        => \Automattic\WooCommerce\StoreApi\Schemas\V1\CheckoutSchema::IDENTIFIER,
				'namespace'       => 'kasa',
				'schema_callback' => array( __CLASS__, 'schema' ),
				'data_callback'   => array( __CLASS__, 'data' ),
				'schema_type'     => ARRAY_A,
			)
		);
	}

	/**
	 * The schema of `extensions.kasa`.
	 *
	 * @return array
	 */
	public static function schema() {
		$text = static function ( $description ) {
			return array(
				'description' => $description,
				'type'        => array( 'string', 'null' ),
				'context'     => array( 'view', 'edit' ),
			);
		};
		return array(
			'checkout_id'     => $text( __( 'Kasa checkout id.', 'kasa-checkout' ) ),
			'idempotency_key' => $text( __( 'Kasa idempotency key.', 'kasa-checkout' ) ),
			'pickup_point_id' => $text( __( 'Parcel locker id, e.g. KRA010.', 'kasa-checkout' ) ),
			'nip'             => $text( __( 'Buyer NIP for the invoice.', 'kasa-checkout' ) ),
			'no_billing_address' => $text( __( '"1" when the shopper gave no billing address (a parcel-locker order without an invoice).', 'kasa-checkout' ) ),
			'signature'       => $text( __( 'HMAC-SHA256 of the fields above with the shop secret.', 'kasa-checkout' ) ),
			// WooCommerce validates every registered property of a request, absent ones as null: a
			// type without null would refuse each checkout that does not send this answer-only field.
			'plugin_version'  => array(
				'description' => __( 'Kasa plugin version.', 'kasa-checkout' ),
				'type'        => array( 'string', 'null' ),
				'context'     => array( 'view', 'edit' ),
				'readonly'    => true,
			),
		);
	}

	/**
	 * What the checkout answer carries under `extensions.kasa`: what was stored on the order.
	 *
	 * @return array
	 */
	public static function data() {
		return array_merge(
			array(
				'checkout_id'     => '',
				'idempotency_key' => '',
				'pickup_point_id' => '',
				'nip'             => '',
				'signature'       => '',
			),
			self::$stored,
			array( 'plugin_version' => KASA_CHECKOUT_VERSION )
		);
	}

	/**
	 * A short id-like string from the request, or ''.
	 *
	 * @param mixed $value Raw value.
	 * @return string
	 */
	private static function clean( $value ) {
		$value = is_string( $value ) ? trim( $value ) : '';
		return preg_match( '/^[A-Za-z0-9_.:-]{1,100}$/', $value ) ? $value : '';
	}

	/**
	 * Stores Kasa's data on the order, once per Kasa checkout.
	 *
	 * @param WC_Order        $order   The order being placed.
	 * @param WP_REST_Request $request The Store API request.
	 * @throws \Automattic\WooCommerce\StoreApi\Exceptions\RouteException When the checkout already has an order.
	 */
	public static function store_on_order( $order, $request ) {
		$extensions = $request->get_param( 'extensions' );
		$kasa       = ( is_array( $extensions ) && isset( $extensions['kasa'] ) && is_array( $extensions['kasa'] ) ) ? $extensions['kasa'] : null;
		if ( null === $kasa ) {
			return;
		}
		$raw = array();
		foreach ( array( 'checkout_id', 'idempotency_key', 'pickup_point_id', 'nip', 'no_billing_address', 'signature' ) as $name ) {
			$raw[ $name ] = isset( $kasa[ $name ] ) && is_string( $kasa[ $name ] ) ? $kasa[ $name ] : '';
		}
		// The Store API is public: only data signed by the Kasa server is stored.
		if ( ! self::signed( $raw ) ) {
			return;
		}
		$data = array(
			'checkout_id'     => self::clean( $raw['checkout_id'] ),
			'idempotency_key' => self::clean( $raw['idempotency_key'] ),
			'pickup_point_id' => strtoupper( self::clean( $raw['pickup_point_id'] ) ),
			'nip'             => preg_replace( '/\D/', '', $raw['nip'] ),
		);
		if ( '' === $data['checkout_id'] ) {
			return;
		}

		$existing = self::orders_of_checkout( $data['checkout_id'], $order->get_id() );
		if ( ! empty( $existing ) ) {
			throw new \Automattic\WooCommerce\StoreApi\Exceptions\RouteException(
				'kasa_checkout_exists',
				esc_html__( 'This order has already been placed.', 'kasa-checkout' ),
				409,
				array( 'order_id' => (int) $existing[0] ) // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped
			);
		}

		$order->update_meta_data( self::META_CHECKOUT, $data['checkout_id'] );
		if ( '' !== $data['idempotency_key'] ) {
			$order->update_meta_data( self::META_KEY, $data['idempotency_key'] );
		}
		if ( '' !== $data['pickup_point_id'] && preg_match( self::LOCKER_PATTERN, $data['pickup_point_id'] ) ) {
			$order->update_meta_data( self::META_LOCKER, $data['pickup_point_id'] );
		}
		if ( 10 === strlen( $data['nip'] ) ) {
			$order->update_meta_data( self::META_NIP, $data['nip'] );
		}

		// The Store API runs without the shopper's login; a registered customer's Cart-Token (signed
		// by this shop) names their user id, so the order goes to their account, not a guest's.
		$customer_id = self::customer_of_session();
		if ( $customer_id > 0 && 0 === (int) $order->get_customer_id() ) {
			$order->set_customer_id( $customer_id );
		}
		if ( '1' === $raw['no_billing_address'] ) {
			self::$locker_billing = array();
			if ( $customer_id > 0 ) {
				$customer = new WC_Customer( $customer_id );
				foreach ( self::BILLING_LINES as $line ) {
					self::$locker_billing[ $line ] = (string) $customer->{"get_billing_$line"}();
				}
			}
		}
		self::$stored = $data;
	}

	/**
	 * The user id of the Store API session when it belongs to a registered customer, else 0.
	 *
	 * @return int
	 */
	private static function customer_of_session() {
		$session = function_exists( 'WC' ) ? WC()->session : null;
		$id      = $session ? (string) $session->get_customer_id() : '';
		if ( ! ctype_digit( $id ) || '0' === $id ) {
			return 0;
		}
		return get_userdata( (int) $id ) ? (int) $id : 0;
	}

	/**
	 * A parcel-locker order whose shopper gave no billing address carried the locker's only because
	 * WooCommerce demands one: once WooCommerce has accepted the order, the locker's street leaves
	 * the billing address (the shipping address keeps it), and a registered customer's saved billing
	 * address, which WooCommerce overwrote from the order, gets its own lines back.
	 *
	 * @param WC_Order $order The placed order.
	 */
	public static function clear_locker_billing( $order ) {
		if ( null === self::$locker_billing || ! $order instanceof WC_Order ) {
			return;
		}
		foreach ( self::BILLING_LINES as $line ) {
			$order->{"set_billing_$line"}( '' );
		}
		$order->save();
		$customer_id = (int) $order->get_customer_id();
		if ( $customer_id > 0 && array() !== self::$locker_billing ) {
			$customer = new WC_Customer( $customer_id );
			foreach ( self::$locker_billing as $line => $value ) {
				$customer->{"set_billing_$line"}( $value );
			}
			$customer->save();
		}
		self::$locker_billing = null;
	}

	/**
	 * Ids of the placed orders (drafts excluded) that carry a Kasa checkout id. `meta_key` and
	 * `meta_value` work on both order storages; `meta_query` is ignored by the legacy posts storage,
	 * where it would match every order.
	 *
	 * @param string $checkout_id Kasa checkout id.
	 * @param int    $except      An order id to leave out (the one being placed).
	 * @return int[]
	 */
	public static function orders_of_checkout( $checkout_id, $except = 0 ) {
		$ids = wc_get_orders(
			array(
				'limit'        => 5,
				'return'       => 'ids',
				'status'       => array_diff( array_keys( wc_get_order_statuses() ), array( 'wc-checkout-draft' ) ),
				'exclude'      => $except > 0 ? array( $except ) : array(),
				'meta_key'     => self::META_CHECKOUT, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'meta_value'   => $checkout_id, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
				'meta_compare' => '=',
			)
		);
		// Checked again on the order itself, should a plugin change how the query is read.
		return array_values(
			array_filter(
				array_map( 'intval', (array) $ids ),
				static function ( $id ) use ( $checkout_id ) {
					$found = wc_get_order( $id );
					return $found && $found->get_meta( self::META_CHECKOUT ) === $checkout_id;
				}
			)
		);
	}

	/**
	 * Whether the Kasa server signed this data with the shop's secret: base64 HMAC-SHA256 of
	 * `checkout_id|idempotency_key|pickup_point_id|nip`, as sent, with `|1` appended when
	 * `no_billing_address` is "1".
	 *
	 * @param array<string, string> $raw The fields as sent, with `signature`.
	 * @return bool
	 */
	private static function signed( array $raw ) {
		$secret = Kasa_Settings::get( 'webhook_secret' );
		if ( '' === $secret || '' === $raw['signature'] ) {
			return false;
		}
		$parts = array( $raw['checkout_id'], $raw['idempotency_key'], $raw['pickup_point_id'], $raw['nip'] );
		if ( '1' === $raw['no_billing_address'] ) {
			$parts[] = '1';
		}
		$text     = implode( '|', $parts );
		$expected = base64_encode( hash_hmac( 'sha256', $text, $secret, true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
		return hash_equals( $expected, $raw['signature'] );
	}

	/**
	 * `GET /wc/v3/orders?kasa_checkout_id=…` returns that checkout's order only.
	 *
	 * @param array           $args    Query arguments.
	 * @param WP_REST_Request $request The REST request.
	 * @return array
	 */
	public static function filter_rest_orders( $args, $request ) {
		$checkout_id = self::clean( $request->get_param( 'kasa_checkout_id' ) );
		if ( '' === $checkout_id ) {
			return $args;
		}
		$meta_query         = isset( $args['meta_query'] ) && is_array( $args['meta_query'] ) ? $args['meta_query'] : array(); // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query
		$meta_query[]       = array(
			'key'   => self::META_CHECKOUT,
			'value' => $checkout_id,
		);
		$args['meta_query'] = $meta_query; // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query
		return $args;
	}
}
