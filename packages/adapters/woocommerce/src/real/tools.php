<?php
/**
 * What the real-WooCommerce tests do inside WordPress that no REST route offers (WP-CLI is not
 * installed here). Usage: php tools.php <wp_dir> <base_url> <command> [args]
 *   reset-orders posts|hpos   delete every order in both storages, then switch the order storage
 *   api-key read|write|read_write   add a REST API key for the admin; prints "ck_… cs_…"
 *   revoke-api-key ck_…       delete a key added by api-key
 *   run-scheduled             run Action Scheduler's due actions now (webhook deliveries), as WP-Cron would
 *   clear-webhook-queue       drop the webhook deliveries not yet made
 *   user-locale ID LOCALE     set a user's own language (e.g. pl_PL; empty for the site's)
 *   sanitize-fragment FILE URL  the Kasa plugin's sanitised fragment (FILE from the Kasa server at URL)
 *   order-customer ID         print an order's customer id
 *
 * @package Kasa_Checkout_Tests
 */

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.WP.AlternativeFunctions

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
list( , $wp_dir, $base, $command ) = $argv + array( '', '', '', '' );
$args                               = array_slice( $argv, 4 );
$parts                              = parse_url( $base );
$_SERVER['HTTP_HOST']               = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
$_SERVER['SERVER_NAME']             = $parts['host'];
$_SERVER['REQUEST_URI']             = '/';
$_SERVER['REQUEST_METHOD']          = 'GET';
require $wp_dir . '/wp-load.php';
wp_set_current_user( 1 );
global $wpdb;

/**
 * Stops with a message on stderr.
 *
 * @param string $message What went wrong.
 */
function kasa_tools_fail( $message ) {
	fwrite( STDERR, $message . "\n" );
	exit( 1 );
}

switch ( $command ) {
	case 'reset-orders':
		$storage = $args[0] ?? '';
		if ( ! in_array( $storage, array( 'posts', 'hpos' ), true ) ) {
			kasa_tools_fail( 'reset-orders posts|hpos' );
		}
		$p = $wpdb->prefix;
		// Both storages, so that nothing is left out of sync and WooCommerce lets the storage change.
		$wpdb->query( "DELETE m FROM {$p}postmeta m JOIN {$p}posts o ON o.ID = m.post_id WHERE o.post_type LIKE 'shop\\_order%'" );
		$wpdb->query( "DELETE FROM {$p}posts WHERE post_type LIKE 'shop\\_order%'" );
		$wpdb->query( "DELETE cm FROM {$p}commentmeta cm JOIN {$p}comments c ON c.comment_ID = cm.comment_id WHERE c.comment_type = 'order_note'" );
		$wpdb->query( "DELETE FROM {$p}comments WHERE comment_type = 'order_note'" );
		$tables = array( 'wc_orders', 'wc_orders_meta', 'wc_order_addresses', 'wc_order_operational_data', 'woocommerce_order_items', 'woocommerce_order_itemmeta', 'wc_order_stats', 'wc_order_product_lookup', 'wc_order_tax_lookup', 'wc_order_coupon_lookup', 'wc_reserved_stock', 'woocommerce_sessions' );
		foreach ( $tables as $table ) {
			if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $p . $table ) ) ) {
				$wpdb->query( "DELETE FROM {$p}{$table}" );
			}
		}
		wp_cache_flush();
		update_option( 'woocommerce_custom_orders_table_data_sync_enabled', 'no' );
		update_option( 'woocommerce_custom_orders_table_enabled', 'hpos' === $storage ? 'yes' : 'no' );
		$now = get_option( 'woocommerce_custom_orders_table_enabled' ) === 'yes' ? 'hpos' : 'posts';
		if ( $now !== $storage ) {
			kasa_tools_fail( "the order storage stayed $now" );
		}
		echo esc_html( $now ) . "\n";
		break;

	case 'api-key':
		$permissions = $args[0] ?? 'read_write';
		$ck          = 'ck_' . wc_rand_hash();
		$cs          = 'cs_' . wc_rand_hash();
		$wpdb->insert(
			$wpdb->prefix . 'woocommerce_api_keys',
			array(
				'user_id'         => 1,
				'description'     => 'kasa tests ' . $permissions,
				'permissions'     => $permissions,
				'consumer_key'    => wc_api_hash( $ck ),
				'consumer_secret' => $cs,
				'truncated_key'   => substr( $ck, -7 ),
			)
		);
		echo esc_html( "$ck $cs" ) . "\n";
		break;

	case 'revoke-api-key':
		$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'consumer_key' => wc_api_hash( $args[0] ?? '' ) ) );
		break;

	case 'run-scheduled':
		// Every due action, one by one (no claims, so a runner WordPress started meanwhile does not
		// leave this one with nothing to do); a delivery may queue another, hence the rounds.
		$ran = 0;
		for ( $round = 0; $round < 10; $round++ ) {
			$due = as_get_scheduled_actions(
				array(
					'status'   => ActionScheduler_Store::STATUS_PENDING,
					'date'     => as_get_datetime_object(),
					'per_page' => 200,
					'orderby'  => 'date',
					'order'    => 'ASC',
				),
				'ids'
			);
			if ( empty( $due ) ) {
				break;
			}
			foreach ( $due as $action_id ) {
				ActionScheduler::runner()->process_action( (int) $action_id, 'kasa-tests' );
				++$ran;
			}
		}
		echo (int) $ran . "\n";
		break;

	case 'clear-webhook-queue':
		// Deliveries queued by earlier tests (to a Kasa server no longer there) are dropped, so that
		// what the webhook reports next comes from this test's deliveries only.
		echo (int) as_unschedule_all_actions( 'woocommerce_deliver_webhook_async' ) . "\n";
		break;

	case 'user-locale':
		// The locale a user picked on their profile (no language pack needed for a plugin's own .mo).
		update_user_meta( (int) ( $args[0] ?? 0 ), 'locale', (string) ( $args[1] ?? '' ) );
		break;

	case 'sanitize-fragment':
		// The Kasa plugin's wp_kses of a fragment file, as the checkout page prints it.
		echo Kasa_Fragment::sanitize( (string) file_get_contents( $args[0] ?? '' ), (string) ( $args[1] ?? '' ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		break;

	case 'order-customer':
		$order = wc_get_order( (int) ( $args[0] ?? 0 ) );
		if ( ! $order ) {
			kasa_tools_fail( 'no such order' );
		}
		echo (int) $order->get_customer_id() . "\n";
		break;

	default:
		kasa_tools_fail( "unknown command $command" );
}
