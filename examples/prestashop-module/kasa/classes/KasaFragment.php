<?php
/**
 * The widget's server-rendered first view (from `GET /api/checkouts/:id/fragment`), made safe to
 * print into a shop page, as the WordPress plugin does with wp_kses:
 * - the markup keeps exactly the elements and attributes the widget renders (its declarative shadow
 *   root included); any other element is dropped with its content, any other attribute dropped, and
 *   links keep only http, https, mailto and tel addresses;
 * - scripts: only the view's JSON state (decoded and encoded again) and module scripts from the
 *   configured Kasa server's `/widget/` folder; any other script and the fragment is refused;
 * - the shadow root's stylesheet is kept as CSS only (no markup can hide in it).
 * The result hydrates exactly as the fragment would. '' means "not what the widget renders": the
 * caller then sends the shopper to the shop's own checkout.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

class KasaFragment
{
    const PLACEHOLDER = 'KASA_FRAGMENT_PART_';

    /** @return array<string, string[]> element => its own attributes (besides the global ones) */
    public static function allowedElements()
    {
        $input = ['type', 'name', 'value', 'checked', 'disabled', 'readonly', 'required', 'autocomplete', 'inputmode', 'autocapitalize', 'spellcheck', 'placeholder', 'maxlength', 'minlength', 'pattern', 'min', 'max', 'step', 'size'];
        $tags = [
            'kasa-checkout' => ['api', 'checkout', 'shop', 'layout', 'visitor', 'tracker'],
            'template' => ['shadowrootmode', 'shadowrootdelegatesfocus'],
            'form' => ['novalidate', 'autocomplete'],
            'fieldset' => ['disabled'],
            'input' => $input,
            'button' => ['type', 'disabled', 'name', 'value'],
            'label' => ['for'],
            'output' => ['for'],
            'a' => ['href', 'target', 'rel'],
            'img' => ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
            'time' => ['datetime'],
            'details' => ['open'],
        ];
        foreach (['div', 'span', 'p', 'section', 'aside', 'nav', 'header', 'footer', 'legend', 'summary', 'ol', 'ul', 'li', 'dl', 'dt', 'dd', 'h2', 'h3', 'h4', 'strong', 'em', 'small', 'abbr', 'br'] as $tag) {
            $tags[$tag] = [];
        }

        return $tags;
    }

    private static function globalAttribute($name)
    {
        return in_array($name, ['class', 'id', 'role', 'lang', 'hidden', 'tabindex', 'title'], true)
            || preg_match('/^(data|aria)-[a-z0-9-]+$/', $name);
    }

    /**
     * @param string $html the fragment from the Kasa server
     * @param string $serverUrl the configured Kasa server URL (no trailing slash)
     * @param string $nonce the CSP nonce the page's scripts carry
     *
     * @return string the fragment as it may be printed, or ''
     */
    public static function sanitize($html, $serverUrl, $nonce)
    {
        $parts = [];
        $modules = [];
        $failed = false;
        $nonceAttribute = preg_match('/^[A-Za-z0-9+\/=_-]{8,128}$/', (string) $nonce)
            ? ' nonce="' . htmlspecialchars((string) $nonce, ENT_QUOTES, 'UTF-8') . '"' : '';

        $html = preg_replace_callback(
            '#<script\b([^>]*)>(.*?)</script>#is',
            static function ($m) use (&$parts, &$modules, &$failed, $serverUrl, $nonceAttribute) {
                $attributes = $m[1];
                if (preg_match('#\btype="application/json"#', $attributes) && preg_match('#\bid="kasa-state"#', $attributes)) {
                    $state = json_decode($m[2], true);
                    if (!is_array($state)) {
                        $failed = true;

                        return '';
                    }
                    $parts[] = '<script type="application/json" id="kasa-state"' . $nonceAttribute . '>'
                        . json_encode($state, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)
                        . '</script>';

                    return self::PLACEHOLDER . (count($parts) - 1) . '_';
                }
                if (preg_match('#\btype="module"#', $attributes) && preg_match('#\bsrc="([^"]+)"#', $attributes, $src) && trim($m[2]) === '') {
                    $url = html_entity_decode($src[1], ENT_QUOTES, 'UTF-8');
                    if ($serverUrl !== '' && strpos($url, $serverUrl . '/widget/') === 0 && preg_match('#^[A-Za-z0-9._/:-]+$#', $url)) {
                        $modules[] = $url;

                        return '';
                    }
                }
                $failed = true;

                return '';
            },
            (string) $html
        );

        $html = preg_replace_callback(
            '#<style\b[^>]*>(.*?)</style>#is',
            static function ($m) use (&$parts, &$failed, $nonceAttribute) {
                if (strpos($m[1], '<') !== false) {
                    $failed = true;

                    return '';
                }
                $parts[] = '<style' . $nonceAttribute . '>' . $m[1] . '</style>';

                return self::PLACEHOLDER . (count($parts) - 1) . '_';
            },
            (string) $html
        );

        // The tracker the widget fetches once the form is in use: a module of the same folder, or no fragment.
        if (is_string($html) && preg_match_all('#<kasa-checkout\b[^>]*?\btracker="([^"]*)"#i', $html, $trackers)) {
            foreach ($trackers[1] as $tracker) {
                $url = html_entity_decode($tracker, ENT_QUOTES, 'UTF-8');
                if ($serverUrl === '' || strpos($url, $serverUrl . '/widget/') !== 0 || !preg_match('#^[A-Za-z0-9._/:-]+$#', $url)) {
                    $failed = true;
                }
            }
        }

        if ($failed || !is_string($html) || strpos($html, '<kasa-checkout') === false || !$modules) {
            return '';
        }
        $safe = self::filterMarkup($html);
        if ($safe === '' || strpos($safe, '<kasa-checkout') === false) {
            return '';
        }
        foreach ($parts as $i => $part) {
            $safe = str_replace(self::PLACEHOLDER . $i . '_', $part, $safe);
        }
        foreach (array_unique($modules) as $url) {
            $safe .= '<script type="module" src="' . htmlspecialchars($url, ENT_QUOTES, 'UTF-8') . '" async' . $nonceAttribute . '></script>';
        }

        return $safe;
    }

    /** The markup with only the allowed elements and attributes, re-serialised. */
    private static function filterMarkup($html)
    {
        if (!class_exists('DOMDocument')) {
            return '';
        }
        $document = new DOMDocument('1.0', 'UTF-8');
        $previous = libxml_use_internal_errors(true);
        $loaded = $document->loadHTML(
            '<?xml encoding="UTF-8"?><div id="kasa-fragment-root">' . $html . '</div>',
            LIBXML_HTML_NOIMPLIED | LIBXML_HTML_NODEFDTD | LIBXML_NONET | LIBXML_COMPACT
        );
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        $root = $loaded ? $document->getElementById('kasa-fragment-root') : null;
        if ($root === null) {
            return '';
        }
        self::filterChildren($root, self::allowedElements());
        $out = '';
        foreach ($root->childNodes as $child) {
            $out .= $document->saveHTML($child);
        }

        return $out;
    }

    private static function filterChildren(DOMNode $node, array $allowed)
    {
        foreach (iterator_to_array($node->childNodes) as $child) {
            if ($child instanceof DOMText) {
                continue;
            }
            if (!($child instanceof DOMElement) || !isset($allowed[strtolower($child->tagName)])) {
                $node->removeChild($child);
                continue;
            }
            $own = $allowed[strtolower($child->tagName)];
            foreach (iterator_to_array($child->attributes) as $attribute) {
                $name = strtolower($attribute->name);
                $keep = in_array($name, $own, true) || self::globalAttribute($name);
                if ($keep && in_array($name, ['href', 'src'], true)) {
                    $keep = (bool) preg_match('#^(https?:|mailto:|tel:|/|\#)#i', trim($attribute->value));
                }
                if (!$keep) {
                    $child->removeAttribute($attribute->name);
                }
            }
            self::filterChildren($child, $allowed);
        }
    }
}
