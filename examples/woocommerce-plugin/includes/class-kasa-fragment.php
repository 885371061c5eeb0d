<?php
/**
 * The widget's server-rendered first view, made safe to print into a WordPress page:
 * - the markup goes through wp_kses with exactly the elements and attributes the widget renders
 *   (its declarative shadow root included), so nothing else the Kasa server sent reaches the page;
 * - the widget's module scripts are enqueued as script modules, and only from the configured Kasa
 *   server's `/widget/` folder;
 * - the view's JSON state is decoded and printed again by WordPress (`wp_get_inline_script_tag`);
 * - the shadow root's stylesheet is kept as CSS only (no markup can hide in it): wp_kses would
 *   escape its `>` child selectors and break the styles.
 * The result hydrates exactly as the fragment would.
 *
 * @package Kasa_Checkout
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sanitises the fragment.
 */
final class Kasa_Fragment {

	const PLACEHOLDER = 'KASA_FRAGMENT_PART_';

	/**
	 * What the widget's view may contain: its elements with their attributes.
	 *
	 * @return array<string, array<string, bool>>
	 */
	public static function allowed_html() {
		$global = array(
			'class'            => true,
			'id'               => true,
			'role'             => true,
			'lang'             => true,
			'hidden'           => true,
			'tabindex'         => true,
			'title'            => true,
			'data-*'           => true,
			'aria-atomic'      => true,
			'aria-busy'        => true,
			'aria-checked'     => true,
			'aria-controls'    => true,
			'aria-current'     => true,
			'aria-describedby' => true,
			'aria-disabled'    => true,
			'aria-expanded'    => true,
			'aria-hidden'      => true,
			'aria-invalid'     => true,
			'aria-label'       => true,
			'aria-labelledby'  => true,
			'aria-live'        => true,
			'aria-pressed'     => true,
			'aria-required'    => true,
		);
		$with  = static function ( array $own = array() ) use ( $global ) {
			return array_merge( $global, array_fill_keys( $own, true ) );
		};
		$input = array( 'type', 'name', 'value', 'checked', 'disabled', 'readonly', 'required', 'autocomplete', 'inputmode', 'autocapitalize', 'spellcheck', 'placeholder', 'maxlength', 'minlength', 'pattern', 'min', 'max', 'step', 'size' );
		$tags  = array(
			'kasa-checkout' => $with( array( 'api', 'checkout', 'shop', 'layout', 'visitor', 'tracker' ) ),
			'template'      => $with( array( 'shadowrootmode', 'shadowrootdelegatesfocus' ) ),
			'form'          => $with( array( 'novalidate', 'autocomplete' ) ),
			'fieldset'      => $with( array( 'disabled' ) ),
			'input'         => $with( $input ),
			'button'        => $with( array( 'type', 'disabled', 'name', 'value' ) ),
			'label'         => $with( array( 'for' ) ),
			'output'        => $with( array( 'for' ) ),
			'a'             => $with( array( 'href', 'target', 'rel' ) ),
			'img'           => $with( array( 'src', 'alt', 'width', 'height', 'loading', 'decoding' ) ),
			'time'          => $with( array( 'datetime' ) ),
		);
		foreach ( array( 'div', 'span', 'p', 'section', 'aside', 'nav', 'header', 'footer', 'legend', 'ol', 'ul', 'li', 'dl', 'dt', 'dd', 'h2', 'h3', 'h4', 'strong', 'em', 'small', 'abbr', 'br' ) as $tag ) {
			$tags[ $tag ] = $with();
		}
		return $tags;
	}

	/**
	 * The fragment as it may be printed, or '' when it is not what the widget renders (the caller
	 * then shows the fallback).
	 *
	 * @param string $html       The fragment from the Kasa server.
	 * @param string $server_url The configured Kasa server URL.
	 * @return string
	 */
	public static function sanitize( $html, $server_url ) {
		$parts   = array();
		$modules = array();
		$failed  = false;

		// The widget's scripts: module files from the Kasa server, enqueued the WordPress way.
		$html = preg_replace_callback(
			'#<script\b([^>]*)>(.*?)</script>#is',
			static function ( $m ) use ( &$parts, &$modules, &$failed, $server_url ) {
				$attributes = $m[1];
				if ( preg_match( '#\btype="application/json"#', $attributes ) && preg_match( '#\bid="kasa-state"#', $attributes ) ) {
					$state = json_decode( $m[2], true );
					if ( ! is_array( $state ) ) {
						$failed = true;
						return '';
					}
					$parts[] = wp_get_inline_script_tag(
						wp_json_encode( $state, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ),
						array(
							'type' => 'application/json',
							'id'   => 'kasa-state',
						)
					);
					return self::PLACEHOLDER . ( count( $parts ) - 1 ) . '_';
				}
				if ( preg_match( '#\btype="module"#', $attributes ) && preg_match( '#\bsrc="([^"]+)"#', $attributes, $src ) && '' === trim( $m[2] ) ) {
					$url = html_entity_decode( $src[1], ENT_QUOTES );
					if ( 0 === strpos( $url, $server_url . '/widget/' ) && preg_match( '#^[A-Za-z0-9._/:-]+$#', $url ) ) {
						$modules[] = $url;
						return '';
					}
				}
				$failed = true;
				return '';
			},
			(string) $html
		);

		// The shadow root's stylesheet: CSS only.
		$html = preg_replace_callback(
			'#<style\b[^>]*>(.*?)</style>#is',
			static function ( $m ) use ( &$parts, &$failed ) {
				if ( false !== strpos( $m[1], '<' ) ) {
					$failed = true;
					return '';
				}
				$parts[] = '<style>' . $m[1] . '</style>';
				return self::PLACEHOLDER . ( count( $parts ) - 1 ) . '_';
			},
			(string) $html
		);

		// The tracker the widget fetches once the form is in use: a module of the same folder, or no fragment.
		if ( preg_match_all( '#<kasa-checkout\b[^>]*?\btracker="([^"]*)"#i', (string) $html, $trackers ) ) {
			foreach ( $trackers[1] as $tracker ) {
				$url = html_entity_decode( $tracker, ENT_QUOTES );
				if ( 0 !== strpos( $url, $server_url . '/widget/' ) || ! preg_match( '#^[A-Za-z0-9._/:-]+$#', $url ) ) {
					$failed = true;
				}
			}
		}

		if ( $failed || false === strpos( (string) $html, '<kasa-checkout' ) || empty( $modules ) ) {
			return '';
		}
		$safe = wp_kses( (string) $html, self::allowed_html(), array( 'http', 'https', 'mailto', 'tel' ) );
		foreach ( $parts as $i => $part ) {
			$safe = str_replace( self::PLACEHOLDER . $i . '_', $part, $safe );
		}
		foreach ( $modules as $url ) {
			$id = 'kasa-' . preg_replace( '#[^a-z0-9-]#', '-', strtolower( (string) wp_basename( $url ) ) );
			wp_enqueue_script_module( $id, $url, array(), null );
		}
		return $safe;
	}
}
