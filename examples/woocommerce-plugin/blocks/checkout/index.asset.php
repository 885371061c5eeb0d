<?php
/**
 * Dependencies of the block's editor script (written by hand: the script needs no build).
 *
 * @package Kasa_Checkout
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-i18n', 'wp-block-editor', 'wp-components' ),
	'version'      => '0.1.0',
);
