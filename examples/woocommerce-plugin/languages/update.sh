#!/usr/bin/env bash
# Refreshes the translation template from the PHP sources, merges it into the Polish translation and
# compiles that (Debian: apt-get install gettext). A translator edits kasa-checkout-pl_PL.po; the
# .mo is what WordPress loads. Run from anywhere: examples/woocommerce-plugin/languages/update.sh
set -euo pipefail
cd "$(dirname "$0")/.."
xgettext --language=PHP --from-code=UTF-8 --sort-by-file --no-wrap --add-comments=translators \
  --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ \
  --keyword=esc_attr_e --keyword=_x:1,2c --keyword=_n:1,2 \
  --package-name='Kasa for WooCommerce' --msgid-bugs-address='https://github.com/kasa-checkout/kasa/issues' \
  --output=languages/kasa-checkout.pot $(find . -name '*.php' -not -path './languages/*' | sort)
sed -i '/^"POT-Creation-Date:/d' languages/kasa-checkout.pot   # the same sources give the same file
msgmerge --quiet --no-wrap --update --backup=none --no-fuzzy-matching languages/kasa-checkout-pl_PL.po languages/kasa-checkout.pot
msgfmt --check --statistics --output-file=languages/kasa-checkout-pl_PL.mo languages/kasa-checkout-pl_PL.po
