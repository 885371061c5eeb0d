<?php
/**
 * Settings → Kasa: the Kasa server URL, the shop's public key, and the secret the Kasa server
 * shares with this shop (order webhooks and the checkout data Kasa sends).
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page and access to the saved settings.
 */
final class Kasa_Settings {

	const OPTION = 'kasa_checkout_settings';
	const PAGE   = 'kasa-checkout';

	/**
	 * Hooks the settings page.
	 */
	public static function init() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_init', array( __CLASS__, 'register' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( KASA_CHECKOUT_FILE ), array( __CLASS__, 'action_links' ) );
	}

	/**
	 * On activation: a webhook secret exists from the first moment, and a configured shop's webhook
	 * is active again.
	 */
	public static function activate() {
		$settings = self::all();
		if ( '' === $settings['webhook_secret'] ) {
			$settings['webhook_secret'] = self::new_secret();
			update_option( self::OPTION, $settings );
		}
		// Deactivation paused the order webhook: a configured shop gets it back at once.
		if ( self::is_configured() ) {
			Kasa_Webhooks::sync();
		}
	}

	/**
	 * Every setting, with defaults.
	 *
	 * @return array{server_url: string, public_key: string, webhook_secret: string, shop_key: string, checkout_page: string, replace_checkout: string, saved_at: string}
	 */
	public static function all() {
		$saved = get_option( self::OPTION, array() );
		$saved = is_array( $saved ) ? $saved : array();
		$out   = array();
		foreach ( array( 'server_url', 'public_key', 'webhook_secret', 'shop_key', 'checkout_page', 'replace_checkout', 'saved_at' ) as $key ) {
			$out[ $key ] = isset( $saved[ $key ] ) ? (string) $saved[ $key ] : '';
		}
		return $out;
	}

	/**
	 * The page that shows Kasa's checkout, when the merchant chose one (published), else 0.
	 *
	 * @return int
	 */
	public static function checkout_page_id() {
		$id = (int) self::get( 'checkout_page' );
		return $id > 0 && 'publish' === get_post_status( $id ) ? $id : 0;
	}

	/**
	 * One setting.
	 *
	 * @param string $key Setting name.
	 * @return string
	 */
	public static function get( $key ) {
		$all = self::all();
		return isset( $all[ $key ] ) ? (string) $all[ $key ] : '';
	}

	/**
	 * Whether the shop can render Kasa: a server and a key.
	 *
	 * @return bool
	 */
	public static function is_configured() {
		return '' !== self::get( 'server_url' ) && '' !== self::get( 'public_key' );
	}

	/**
	 * A random secret for HMAC signatures.
	 *
	 * @return string
	 */
	public static function new_secret() {
		return wp_generate_password( 48, false, false );
	}

	/**
	 * Adds WooCommerce → Kasa.
	 */
	public static function menu() {
		add_submenu_page(
			'woocommerce',
			__( 'Kasa', 'kasa-checkout' ),
			__( 'Kasa', 'kasa-checkout' ),
			'manage_woocommerce',
			self::PAGE,
			array( __CLASS__, 'render' )
		);
	}

	/**
	 * A "Settings" link on the Plugins screen.
	 *
	 * @param string[] $links Existing links.
	 * @return string[]
	 */
	public static function action_links( $links ) {
		$url = admin_url( 'admin.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'kasa-checkout' ) . '</a>' );
		return $links;
	}

	/**
	 * Registers the option, its sanitiser and the fields.
	 */
	public static function register() {
		register_setting(
			'kasa_checkout',
			self::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( __CLASS__, 'sanitize' ),
				'default'           => array(),
			)
		);
		add_settings_section( 'kasa_connection', __( 'Connection to Kasa', 'kasa-checkout' ), '__return_false', self::PAGE );
		add_settings_field( 'server_url', __( 'Kasa server URL', 'kasa-checkout' ), array( __CLASS__, 'field_server_url' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'public_key', __( 'Shop public key', 'kasa-checkout' ), array( __CLASS__, 'field_public_key' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'webhook_secret', __( 'Webhook secret', 'kasa-checkout' ), array( __CLASS__, 'field_webhook_secret' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'shop_key', __( 'Shop server key', 'kasa-checkout' ), array( __CLASS__, 'field_shop_key' ), self::PAGE, 'kasa_connection' );
		add_settings_section( 'kasa_checkout_page', __( 'Checkout page', 'kasa-checkout' ), '__return_false', self::PAGE );
		add_settings_field( 'checkout_page', __( 'Kasa checkout page', 'kasa-checkout' ), array( __CLASS__, 'field_checkout_page' ), self::PAGE, 'kasa_checkout_page' );
		add_settings_field( 'replace_checkout', __( 'Replace the shop\'s checkout', 'kasa-checkout' ), array( __CLASS__, 'field_replace_checkout' ), self::PAGE, 'kasa_checkout_page' );
	}

	/**
	 * Checks what the merchant typed; a wrong value keeps the previous one and says why.
	 *
	 * @param mixed $input Submitted values.
	 * @return array
	 */
	public static function sanitize( $input ) {
		$previous = self::all();
		$input    = is_array( $input ) ? $input : array();
		$out      = $previous;

		$url = isset( $input['server_url'] ) ? trim( (string) $input['server_url'] ) : '';
		$url = untrailingslashit( esc_url_raw( $url, array( 'https', 'http' ) ) );
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		$local = in_array( $host, array( 'localhost', '127.0.0.1' ), true );
		if ( '' === $url || ( 0 !== strpos( $url, 'https://' ) && ! ( $local && 0 === strpos( $url, 'http://' ) ) ) ) {
			add_settings_error( self::OPTION, 'server_url', __( 'The Kasa server URL must start with https:// (http:// only for localhost).', 'kasa-checkout' ) );
		} else {
			$out['server_url'] = $url;
		}

		$key = isset( $input['public_key'] ) ? sanitize_text_field( (string) $input['public_key'] ) : '';
		if ( ! preg_match( '/^[A-Za-z0-9_-]{8,128}$/', $key ) ) {
			add_settings_error( self::OPTION, 'public_key', __( 'The public key is 8–128 letters, digits, "-" or "_", copied from the Kasa dashboard.', 'kasa-checkout' ) );
		} else {
			$out['public_key'] = $key;
		}

		$page = isset( $input['checkout_page'] ) ? absint( $input['checkout_page'] ) : 0;
		if ( $page > 0 && 'page' !== get_post_type( $page ) ) {
			add_settings_error( self::OPTION, 'checkout_page', __( 'Choose a page with the [kasa_checkout] shortcode or the "Kasa checkout" block.', 'kasa-checkout' ) );
		} else {
			$out['checkout_page'] = $page > 0 ? (string) $page : '';
		}
		$out['replace_checkout'] = ! empty( $input['replace_checkout'] ) ? 'yes' : '';
		if ( 'yes' === $out['replace_checkout'] && '' === $out['checkout_page'] ) {
			$out['replace_checkout'] = '';
			add_settings_error( self::OPTION, 'replace_checkout', __( 'To replace the shop\'s checkout, choose the Kasa checkout page first.', 'kasa-checkout' ) );
		}

		// Every save is a change, so the webhook is checked and made again even when nothing else
		// changed (WordPress runs the update hooks only for a changed value).
		$out['saved_at'] = (string) time();

		if ( '' === $out['webhook_secret'] || ! empty( $input['regenerate_secret'] ) ) {
			$out['webhook_secret'] = self::new_secret();
		}
		if ( '' === $out['shop_key'] || ! empty( $input['regenerate_shop_key'] ) ) {
			$out['shop_key'] = self::new_secret();
		}
		return $out;
	}

	/**
	 * The server URL field.
	 */
	public static function field_server_url() {
		printf(
			'<input type="url" class="regular-text code" name="%1$s[server_url]" value="%2$s" placeholder="https://kasa.example.pl" required /><p class="description">%3$s</p>',
			esc_attr( self::OPTION ),
			esc_attr( self::get( 'server_url' ) ),
			esc_html__( 'The address of the Kasa server (without a trailing slash).', 'kasa-checkout' )
		);
	}

	/**
	 * The public key field.
	 */
	public static function field_public_key() {
		printf(
			'<input type="text" class="regular-text code" name="%1$s[public_key]" value="%2$s" autocomplete="off" required /><p class="description">%3$s</p>',
			esc_attr( self::OPTION ),
			esc_attr( self::get( 'public_key' ) ),
			esc_html__( 'The shop\'s id in Kasa; it is public (it goes into the checkout page).', 'kasa-checkout' )
		);
	}

	/**
	 * The page with Kasa's checkout.
	 */
	public static function field_checkout_page() {
		wp_dropdown_pages(
			array(
				'name'              => esc_attr( self::OPTION ) . '[checkout_page]',
				'selected'          => (int) self::get( 'checkout_page' ),
				'show_option_none'  => esc_html__( '— choose —', 'kasa-checkout' ),
				'option_none_value' => '0',
			)
		);
		printf( '<p class="description">%s</p>', esc_html__( 'A page with the [kasa_checkout] shortcode or the "Kasa checkout" block.', 'kasa-checkout' ) );
	}

	/**
	 * Whether Kasa replaces the shop's checkout.
	 */
	public static function field_replace_checkout() {
		printf(
			'<label><input type="checkbox" name="%1$s[replace_checkout]" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( self::OPTION ),
			checked( 'yes', self::get( 'replace_checkout' ), false ),
			esc_html__( 'Every "Proceed to checkout" button leads to the Kasa checkout page', 'kasa-checkout' ),
			esc_html__( 'The shop\'s own checkout stays at its address: Kasa sends shoppers there when it cannot be reached.', 'kasa-checkout' )
		);
	}

	/**
	 * The webhook secret: shown read-only, for the Kasa server's configuration.
	 */
	public static function field_webhook_secret() {
		self::generated_secret_field(
			'webhook_secret',
			'regenerate_secret',
			__( 'Generate a new secret on save', 'kasa-checkout' ),
			__( 'Put it in the Kasa server\'s configuration as store.webhookSecret (KASA_WOOCOMMERCE_WEBHOOK_SECRET). It signs the order webhooks and the data Kasa sends when it places an order.', 'kasa-checkout' )
		);
	}

	/**
	 * The shop key: shown read-only, for the Kasa server's configuration.
	 */
	public static function field_shop_key() {
		self::generated_secret_field(
			'shop_key',
			'regenerate_shop_key',
			__( 'Generate a new key on save', 'kasa-checkout' ),
			__( 'Put it in the Kasa server\'s configuration as shopKey (KASA_SHOP_KEY). The shop sends it when it starts its shoppers\' checkouts, so Kasa does not limit these calls as traffic from one address.', 'kasa-checkout' )
		);
	}

	/**
	 * A secret the plugin made: read-only, with a box to make a new one on save.
	 *
	 * @param string $key         Setting name.
	 * @param string $regenerate  Name of the "make a new one" box.
	 * @param string $box_label   The box's label.
	 * @param string $description Where the merchant puts the secret.
	 */
	private static function generated_secret_field( $key, $regenerate, $box_label, $description ) {
		printf(
			'<input type="text" class="regular-text code" value="%1$s" readonly onclick="this.select()" />'
			. '<p><label><input type="checkbox" name="%2$s[%3$s]" value="1" /> %4$s</label></p>'
			. '<p class="description">%5$s</p>',
			esc_attr( self::get( $key ) ),
			esc_attr( self::OPTION ),
			esc_attr( $regenerate ),
			esc_html( $box_label ),
			esc_html( $description )
		);
	}

	/**
	 * The settings page.
	 */
	public static function render() {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$keys_url = admin_url( 'admin.php?page=wc-settings&tab=advanced&section=keys' );
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Kasa – fast checkout', 'kasa-checkout' ); ?></h1>
			<?php settings_errors( self::OPTION ); ?>
			<form method="post" action="options.php">
				<?php
				settings_fields( 'kasa_checkout' );
				do_settings_sections( self::PAGE );
				submit_button();
				?>
			</form>
			<h2><?php esc_html_e( 'What else the Kasa server needs', 'kasa-checkout' ); ?></h2>
			<ol>
				<li>
					<?php
					printf(
						/* translators: %s: link to WooCommerce REST API keys */
						esc_html__( 'A REST API key with Read/Write permission: %s → "Add key". Put the consumer key and consumer secret in the Kasa configuration (store.consumerKey, store.consumerSecret).', 'kasa-checkout' ),
						'<a href="' . esc_url( $keys_url ) . '">' . esc_html__( 'WooCommerce → Settings → Advanced → REST API', 'kasa-checkout' ) . '</a>'
					);
					?>
				</li>
				<li><?php esc_html_e( 'The shop address (store.url) and the webhook secret above (store.webhookSecret).', 'kasa-checkout' ); ?></li>
				<li><?php esc_html_e( 'A page with the [kasa_checkout] shortcode or the "Kasa checkout" block, chosen above.', 'kasa-checkout' ); ?></li>
			</ol>
			<p>
				<?php
				$webhook_id = (int) get_option( Kasa_Webhooks::OPTION, 0 );
				if ( $webhook_id > 0 ) {
					/* translators: %d: webhook id */
					printf( esc_html__( 'Order webhook: #%d (order changes go to the Kasa server).', 'kasa-checkout' ), (int) $webhook_id );
				} else {
					esc_html_e( 'The order webhook is created when the server URL is saved.', 'kasa-checkout' );
				}
				?>
			</p>
		</div>
		<?php
	}

	/**
	 * Shown when WooCommerce is not active.
	 */
	public static function notice_woocommerce_missing() {
		echo '<div class="notice notice-error"><p>' . esc_html__( 'Kasa needs WooCommerce 8.9 or newer, active.', 'kasa-checkout' ) . '</p></div>';
	}
}
