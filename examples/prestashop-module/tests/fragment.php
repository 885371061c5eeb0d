<?php
/**
 * Runs the module's fragment sanitiser (KasaFragment) outside PrestaShop, for the adapter's tests:
 * `{ html, server, nonce }` as JSON on stdin, the HTML the module would print on stdout.
 *
 *   echo '{"html":"<kasa-checkout …","server":"https://kasa.example.pl","nonce":"…"}' | php tests/fragment.php
 */
define('_PS_VERSION_', 'compat');

require __DIR__ . '/../kasa/classes/KasaFragment.php';

$input = json_decode((string) stream_get_contents(STDIN), true);
echo KasaFragment::sanitize($input['html'], $input['server'], $input['nonce']);
