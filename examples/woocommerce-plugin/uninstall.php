<?php
/**
 * Removes Kasa's settings and webhook. Orders keep their Kasa meta: it is part of their history.
 *
 * @package Kasa_Checkout
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-kasa-settings.php';
require_once __DIR__ . '/includes/class-kasa-webhooks.php';

Kasa_Webhooks::delete();
delete_option( Kasa_Settings::OPTION );
