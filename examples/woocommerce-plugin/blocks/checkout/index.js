/**
 * The "Kasa checkout" block in the editor: a placeholder and the layout choice. The page itself is
 * rendered on the server (Kasa_Checkout_Page::render_block), so the block saves nothing.
 */
((blocks, element, i18n, blockEditor, components) => {
  const el = element.createElement;
  const __ = i18n.__;
  const layouts = [
    { label: __('Wybiera Kasa (eksperyment)', 'kasa-checkout'), value: '' },
    { label: __('Jedna strona', 'kasa-checkout'), value: 'one-page' },
    { label: __('Kroki', 'kasa-checkout'), value: 'multi-step' },
  ];

  blocks.registerBlockType('kasa/checkout', {
    edit: ({ attributes, setAttributes }) =>
      el(
        'div',
        blockEditor.useBlockProps({ className: 'kasa-checkout-placeholder' }),
        el(
          blockEditor.InspectorControls,
          null,
          el(
            components.PanelBody,
            { title: __('Kasa', 'kasa-checkout') },
            el(components.SelectControl, {
              label: __('Układ kasy', 'kasa-checkout'),
              value: attributes.layout,
              options: layouts,
              onChange: (layout) => setAttributes({ layout }),
            }),
          ),
        ),
        el(
          'p',
          null,
          __(
            'Tu klient zobaczy Kasę: koszyk, dostawę (także Paczkomaty InPost), fakturę i płatność BLIK.',
            'kasa-checkout',
          ),
        ),
      ),
    save: () => null,
  });
})(window.wp.blocks, window.wp.element, window.wp.i18n, window.wp.blockEditor, window.wp.components);
