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
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Ustawienia', 'kasa-checkout' ) . '</a>' );
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
		add_settings_section( 'kasa_connection', __( 'Połączenie z Kasą', 'kasa-checkout' ), '__return_false', self::PAGE );
		add_settings_field( 'server_url', __( 'Adres serwera Kasy', 'kasa-checkout' ), array( __CLASS__, 'field_server_url' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'public_key', __( 'Klucz publiczny sklepu', 'kasa-checkout' ), array( __CLASS__, 'field_public_key' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'webhook_secret', __( 'Sekret webhooków', 'kasa-checkout' ), array( __CLASS__, 'field_webhook_secret' ), self::PAGE, 'kasa_connection' );
		add_settings_field( 'shop_key', __( 'Klucz serwera sklepu', 'kasa-checkout' ), array( __CLASS__, 'field_shop_key' ), self::PAGE, 'kasa_connection' );
		add_settings_section( 'kasa_checkout_page', __( 'Strona kasy', 'kasa-checkout' ), '__return_false', self::PAGE );
		add_settings_field( 'checkout_page', __( 'Strona z Kasą', 'kasa-checkout' ), array( __CLASS__, 'field_checkout_page' ), self::PAGE, 'kasa_checkout_page' );
		add_settings_field( 'replace_checkout', __( 'Zastąp kasę sklepu', 'kasa-checkout' ), array( __CLASS__, 'field_replace_checkout' ), self::PAGE, 'kasa_checkout_page' );
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
			add_settings_error( self::OPTION, 'server_url', __( 'Adres serwera Kasy musi zaczynać się od https:// (http:// tylko dla localhost).', 'kasa-checkout' ) );
		} else {
			$out['server_url'] = $url;
		}

		$key = isset( $input['public_key'] ) ? sanitize_text_field( (string) $input['public_key'] ) : '';
		if ( ! preg_match( '/^[A-Za-z0-9_-]{8,128}$/', $key ) ) {
			add_settings_error( self::OPTION, 'public_key', __( 'Klucz publiczny to 8–128 liter, cyfr, „-” lub „_”, skopiowany z panelu Kasy.', 'kasa-checkout' ) );
		} else {
			$out['public_key'] = $key;
		}

		$page = isset( $input['checkout_page'] ) ? absint( $input['checkout_page'] ) : 0;
		if ( $page > 0 && 'page' !== get_post_type( $page ) ) {
			add_settings_error( self::OPTION, 'checkout_page', __( 'Wybierz stronę z krótkim kodem [kasa_checkout] albo blokiem „Kasa checkout”.', 'kasa-checkout' ) );
		} else {
			$out['checkout_page'] = $page > 0 ? (string) $page : '';
		}
		$out['replace_checkout'] = ! empty( $input['replace_checkout'] ) ? 'yes' : '';
		if ( 'yes' === $out['replace_checkout'] && '' === $out['checkout_page'] ) {
			$out['replace_checkout'] = '';
			add_settings_error( self::OPTION, 'replace_checkout', __( 'Aby zastąpić kasę sklepu, wybierz najpierw stronę z Kasą.', 'kasa-checkout' ) );
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
			esc_html__( 'Adres, pod którym działa serwer Kasy (bez ukośnika na końcu).', 'kasa-checkout' )
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
			esc_html__( 'Identyfikator sklepu w Kasie; jest publiczny (trafia na stronę kasy).', 'kasa-checkout' )
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
				'show_option_none'  => esc_html__( '— wybierz —', 'kasa-checkout' ),
				'option_none_value' => '0',
			)
		);
		printf( '<p class="description">%s</p>', esc_html__( 'Strona z krótkim kodem [kasa_checkout] albo blokiem „Kasa checkout”.', 'kasa-checkout' ) );
	}

	/**
	 * Whether Kasa replaces the shop's checkout.
	 */
	public static function field_replace_checkout() {
		printf(
			'<label><input type="checkbox" name="%1$s[replace_checkout]" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( self::OPTION ),
			checked( 'yes', self::get( 'replace_checkout' ), false ),
			esc_html__( 'Każdy przycisk „Przejdź do kasy” prowadzi do strony z Kasą', 'kasa-checkout' ),
			esc_html__( 'Zwykła kasa sklepu zostaje pod swoim adresem: Kasa odsyła do niej, gdy jest nieosiągalna.', 'kasa-checkout' )
		);
	}

	/**
	 * The webhook secret: shown read-only, for the Kasa server's configuration.
	 */
	public static function field_webhook_secret() {
		self::generated_secret_field(
			'webhook_secret',
			'regenerate_secret',
			__( 'Wygeneruj nowy sekret przy zapisie', 'kasa-checkout' ),
			__( 'Wpisz go w konfiguracji serwera Kasy jako store.webhookSecret (KASA_WOOCOMMERCE_WEBHOOK_SECRET). Podpisuje webhooki zamówień i dane, które Kasa przekazuje przy składaniu zamówienia.', 'kasa-checkout' )
		);
	}

	/**
	 * The shop key: shown read-only, for the Kasa server's configuration.
	 */
	public static function field_shop_key() {
		self::generated_secret_field(
			'shop_key',
			'regenerate_shop_key',
			__( 'Wygeneruj nowy klucz przy zapisie', 'kasa-checkout' ),
			__( 'Wpisz go w konfiguracji serwera Kasy jako shopKey (KASA_SHOP_KEY). Sklep wysyła go, zakładając kasy klientów, więc Kasa nie ogranicza tych wywołań jak ruchu z jednego adresu.', 'kasa-checkout' )
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
			<h1><?php esc_html_e( 'Kasa – szybka kasa', 'kasa-checkout' ); ?></h1>
			<?php settings_errors( self::OPTION ); ?>
			<form method="post" action="options.php">
				<?php
				settings_fields( 'kasa_checkout' );
				do_settings_sections( self::PAGE );
				submit_button();
				?>
			</form>
			<h2><?php esc_html_e( 'Co jeszcze potrzebuje serwer Kasy', 'kasa-checkout' ); ?></h2>
			<ol>
				<li>
					<?php
					printf(
						/* translators: %s: link to WooCommerce REST API keys */
						esc_html__( 'Klucz REST API z uprawnieniem Odczyt/Zapis: %s → „Dodaj klucz”. Consumer key i consumer secret wpisz w konfiguracji Kasy (store.consumerKey, store.consumerSecret).', 'kasa-checkout' ),
						'<a href="' . esc_url( $keys_url ) . '">' . esc_html__( 'WooCommerce → Ustawienia → Zaawansowane → REST API', 'kasa-checkout' ) . '</a>'
					);
					?>
				</li>
				<li><?php esc_html_e( 'Adres sklepu (store.url) i powyższy sekret webhooków (store.webhookSecret).', 'kasa-checkout' ); ?></li>
				<li><?php esc_html_e( 'Stronę z krótkim kodem [kasa_checkout] albo blokiem „Kasa checkout”.', 'kasa-checkout' ); ?></li>
			</ol>
			<p>
				<?php
				$webhook_id = (int) get_option( Kasa_Webhooks::OPTION, 0 );
				if ( $webhook_id > 0 ) {
					/* translators: %d: webhook id */
					printf( esc_html__( 'Webhook zamówień: #%d (aktualizacje zamówień trafiają do serwera Kasy).', 'kasa-checkout' ), (int) $webhook_id );
				} else {
					esc_html_e( 'Webhook zamówień zostanie utworzony po zapisaniu adresu serwera.', 'kasa-checkout' );
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
		echo '<div class="notice notice-error"><p>' . esc_html__( 'Kasa wymaga aktywnego WooCommerce (8.9 lub nowszego).', 'kasa-checkout' ) . '</p></div>';
	}
}
